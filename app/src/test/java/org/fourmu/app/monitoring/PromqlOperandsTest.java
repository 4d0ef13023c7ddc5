package org.fourmu.app.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Alert expressions cut into the quantities they compare. */
class PromqlOperandsTest {

    @Test
    void thresholdIsDroppedAndTheQuantityKept() {
        assertEquals(List.of("max by (job, instance) (fourmu_significance_local_max)"),
                PromqlOperands.of("max by (job, instance) (fourmu_significance_local_max) > 3"));
        assertEquals(List.of("up{job=\"fourmu\"}"), PromqlOperands.of("up{job=\"fourmu\"} == 0"));
        assertEquals(List.of("fourmu_streams_state"), PromqlOperands.of("fourmu_streams_state < 1"));
        assertEquals(List.of("rate(x[5m])"), PromqlOperands.of("rate(x[5m]) >= 1e-3"));
    }

    @Test
    void setOperatorsAndVectorMatchingSplitIntoBothSides() {
        assertEquals(List.of("fourmu_scan_last_success_timestamp_seconds", "time() - 120",
                        "increase(fourmu_candidates_selected_total[2m])"),
                PromqlOperands.of("(fourmu_scan_last_success_timestamp_seconds < time() - 120)\nand on (job, instance)\n"
                        + "(increase(fourmu_candidates_selected_total[2m]) > 0)\n"));
        assertEquals(List.of("a", "b", "c"), PromqlOperands.of("a or b unless c"));
    }

    @Test
    void arithmeticStaysWholeAndMatchersAndStringsAreNotOperators() {
        String lag = "sum by (job, instance) (lag{topic=\"fourmu.events\", client_id=~\".+-StreamThread-[0-9]+-consumer\"})\n"
                + "/ on (job, instance)\nsum by (job, instance) (rate(fourmu_events_in_total[5m]))";
        assertEquals(List.of(lag), PromqlOperands.of(lag + "\n> 120"));
        assertEquals(List.of("foo{a!=\"x>y\", b=~'or'}"), PromqlOperands.of("foo{a!=\"x>y\", b=~'or'} != 2"));
        assertEquals(List.of("sort(order_total)"), PromqlOperands.of("sort(order_total)"), "or inside identifiers is no operator");
        assertEquals(List.of("(a) + (b)"), PromqlOperands.of("(a) + (b) > bool 1"));
    }
}
