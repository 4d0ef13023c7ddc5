package org.fourmu.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class FourmuCommandTest {

    private static String[] run(String... args) {
        CommandLine cl = FourmuCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void helpListsTheSubcommands() {
        String[] r = run("--help");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("demo") && r[1].contains("xsec"), r[1]);
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : FourmuCommand.commandLine().getSubcommands().keySet()) {
            if (!sub.equals("help")) {
                assertEquals("0", run(sub, "--help")[0], sub);
            }
        }
    }

    @Test
    void badOptionGetsAMessageNamingIt() {
        String[] r = run("demo", "--no-such-option");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--no-such-option"), r[2]);
    }

    @Test
    void badValueGetsAMessageNamingTheOption() {
        String[] r = run("demo", "--kafka-port", "abc");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--kafka-port"), r[2]);
    }

    @Test
    void missingSubcommandIsAUsageError() {
        assertEquals("2", run()[0]);
    }
}
