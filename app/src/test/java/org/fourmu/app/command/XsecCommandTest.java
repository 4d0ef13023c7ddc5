package org.fourmu.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class XsecCommandTest {

    @Test
    void shouldComputeBornMuMuCrossSection() {
        assertEquals(0, new CommandLine(new XsecCommand()).execute("--process", "mumu", "--no-isr", "--events", "2000"));
    }

    @Test
    void shouldRejectUnknownProcess() {
        CommandLine cl = new CommandLine(new XsecCommand());
        cl.setErr(new PrintWriter(new StringWriter()));
        assertNotEquals(0, cl.execute("--process", "bhabha", "--events", "10"));
    }
}
