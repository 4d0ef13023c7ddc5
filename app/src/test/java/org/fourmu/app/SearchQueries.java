package org.fourmu.app;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.KafkaStreams;
import org.fourmu.app.search.SearchInstance;

/** The interactive queries of running search instances, as the broker tests ask them: retried until the answer is ready. */
final class SearchQueries {
    /** How long a test waits for an answer: generous, since CI's two cores also run the broker and builds. */
    static final long PATIENCE_MILLIS = 180_000;


    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SearchQueries() {
    }

    static void awaitRunning(List<SearchInstance> running) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (!running.stream().allMatch(i -> i.streams().state() == KafkaStreams.State.RUNNING)) {
            if (System.currentTimeMillis() > deadline) {
                fail("instances not RUNNING: " + running.stream().map(i -> i.streams().state()).toList());
            }
            Thread.sleep(100);
        }
    }

    static HttpResponse<String> send(SearchInstance instance, String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(instance.url() + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static <T> T get(SearchInstance instance, String path, Class<T> type) throws Exception {
        return await(instance, path, type, t -> true);
    }

    /** GET until the answer is 200 and satisfies {@code done}; 503 (rebalancing) and 404 (nothing yet) are retried. */
    static <T> T await(SearchInstance instance, String path, Class<T> type, Predicate<T> done) throws Exception {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> r = send(instance, "GET", path);
            last = r.statusCode() + " " + (r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
            if (r.statusCode() == 200) {
                T answer = JSON.readValue(r.body(), type);
                if (done.test(answer)) {
                    return answer;
                }
            } else if (r.statusCode() != 503 && r.statusCode() != 404) {
                fail(path + ": " + last);
            }
            Thread.sleep(200);
        }
        throw new AssertionError(path + " not as expected within 60 s; last answer " + last);
    }
}
