package org.fourmu.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class SearchConfigTest {

    @Test
    void theGlobalThreadsProcessingExceptionHandlerIsOnAlsoWhereThePartitionAssignorReadsIt() {
        StreamsConfig streams = new StreamsConfig(SearchConfig.builder().build().streamsProperties());
        assertEquals(true, streams.getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG));
        // the assignor makes its own StreamsConfig from the main consumer's properties (and warns if it is off there)
        Map<String, Object> consumer = streams.getMainConsumerConfigs("group", "client", 0);
        assertEquals(true, new StreamsConfig(consumer).getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG));
    }
}
