package org.fourmu.topology.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.MassPoint;
import org.fourmu.avro.ScanSegment;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.aggregation.CutFlowStore;
import org.fourmu.topology.aggregation.SegmentState;
import org.fourmu.topology.aggregation.SpectrumStore;
import org.fourmu.topology.aggregation.SpectrumWindow;
import org.fourmu.topology.processors.MassSegments;

/**
 * Interactive queries over REST (JSON, GET only): the latest limit curve, the fit nearest a mass,
 * spectra (cumulative, per run, recent window) and the cut-flow. A key held by another instance
 * is fetched from it over HTTP at the address it announces as {@code application.server}; the
 * spectra and the cut-flow gather their parts from every instance that holds one. 503 while the
 * state is moving (rebalancing): retry.
 */
public final class QueryEndpoints {

    public static final String LIMITS = "/api/limits";
    public static final String POINT = "/api/limits/point";
    public static final String SPECTRA = "/api/spectra";
    public static final String CUT_FLOW = "/api/cutflow";
    public static final String FIT = "/api/fit";
    public static final String ANOMALY_BAND = "/api/anomaly-band";
    static final String SEGMENT_BINS = "/api/internal/segment-bins";
    static final String PARTITION_COUNTS = "/api/internal/cutflow";
    static final String PUBLISHED = "/api/internal/published";
    /** Marks a request one instance sent to another: it is answered locally or not at all (no forwarding loops). */
    static final String FORWARDED = "X-Fourmu-Forwarded";

    private final KafkaStreams streams;
    private final HostInfo self;
    private final String analysisId;
    private final MassSegments segments;
    private final FitAtMass fits;
    private final AnomalyBands anomaly;
    private final SpectrumAssembly assembly;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** What one request asked. */
    record Request(String pathAndQuery, Map<String, String> params, boolean forwarded) {
    }

    /** An answer: HTTP status and JSON body. */
    record Reply(int status, String body) {
    }

    /** A query that cannot be answered, with the HTTP status saying why. */
    static final class QueryFailure extends RuntimeException {
        final int status;

        QueryFailure(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * @param streams  the running application
     * @param self     this instance's {@code application.server}
     * @param analysis the analysis the topology runs (its id keys the limits; its segments and test masses)
     * @param window   the recent window the topology was built with
     */
    public QueryEndpoints(KafkaStreams streams, HostInfo self, SearchTopology.Analysis analysis, SpectrumWindow window) {
        this.streams = streams;
        this.self = self;
        this.analysisId = analysis.analysisId();
        this.segments = analysis.segments();
        this.fits = new FitAtMass(analysis.scan());
        this.anomaly = new AnomalyBands(analysis.scan());
        this.assembly = new SpectrumAssembly(segments, window);
    }

    /** Serve the endpoints on {@code server}. */
    public void register(HttpServer server) {
        server.createContext(LIMITS, ex -> serve(ex, this::limits));
        server.createContext(POINT, ex -> serve(ex, this::nearestPoint));
        server.createContext(SPECTRA, ex -> serve(ex, this::spectrum));
        server.createContext(CUT_FLOW, ex -> serve(ex, this::cutFlow));
        server.createContext(SEGMENT_BINS, ex -> serve(ex, this::segmentBins));
        server.createContext(PARTITION_COUNTS, ex -> serve(ex, this::partitionCounts));
        server.createContext(FIT, ex -> serve(ex, this::fit));
        server.createContext(PUBLISHED, ex -> serve(ex, this::published));
        server.createContext(ANOMALY_BAND, ex -> serve(ex, r -> ok(anomaly.answer())));
    }

    // ---- the latest limit curve and one point of it: the assembler's task owns them

    Reply limits(Request req) {
        KeyQueryMetadata owner = owner(SearchTopology.LATEST_LIMITS_STORE, analysisId, Serdes.String().serializer());
        if (!owner.activeHost().equals(self)) {
            return forward(owner.activeHost(), req);
        }
        ReadOnlyKeyValueStore<String, LimitCurve> curves = store(SearchTopology.LATEST_LIMITS_STORE, owner.partition());
        LimitCurve curve = curves.get(analysisId);
        if (curve == null) {
            throw new QueryFailure(404, "no limit curve published yet for analysis " + analysisId);
        }
        return ok(Answers.Limits.of(curve));
    }

    Reply nearestPoint(Request req) {
        if (!req.params().containsKey("mass")) {
            throw new IllegalArgumentException("mass (GeV) is required");
        }
        double mass = SpectrumRequest.number(req.params(), "mass", Double.NaN);
        KeyQueryMetadata owner = owner(SearchTopology.LATEST_SCANS_STORE, analysisId, Serdes.String().serializer());
        if (!owner.activeHost().equals(self)) {
            return forward(owner.activeHost(), req);
        }
        double nearest = fits.nearestTestMass(mass);
        ReadOnlyKeyValueStore<Integer, ScanSegment> scans = store(SearchTopology.LATEST_SCANS_STORE, owner.partition());
        int around = segments.of(nearest);
        for (int s = Math.max(0, around - 1); s <= Math.min(segments.count() - 1, around + 1); s++) {
            ScanSegment scan = scans.get(s);
            if (scan == null || !scan.getAnalysisId().equals(analysisId)) {
                continue;
            }
            for (MassPoint p : scan.getPoints()) {
                if (p.getMass() == nearest) {
                    return ok(new Answers.NearestPoint(mass, s, scan.getVersion(), scan.getScanMillis(), scan.getCandidates(),
                            scan.getIntegratedLuminosity(), Answers.Point.of(p)));
                }
            }
        }
        throw new QueryFailure(404, "the segment holding the test mass " + nearest + " GeV has not been scanned yet");
    }

    // ---- the fit at a test mass: the segment's owner fits its histogram

    Reply fit(Request req) {
        double requested = fits.requestedMass(req.params());
        double mass = fits.nearestTestMass(requested);
        int segment = segments.holding(mass);
        KeyQueryMetadata owner = owner(SearchTopology.SPECTRA_STORE, segment, Serdes.Integer().serializer());
        if (!owner.activeHost().equals(self)) {
            return forward(owner.activeHost(), req);
        }
        ReadOnlyKeyValueStore<Integer, long[]> state = store(SearchTopology.SEGMENTS_STORE, owner.partition());
        ReadOnlyKeyValueStore<Bytes, Long> spectra = store(SearchTopology.SPECTRA_STORE, owner.partition());
        SegmentState segmentState = SegmentState.of(state.get(segment));
        List<SpectrumStore.Bins> cumulative = SpectrumStore.readOnly(spectra)
                .bins(SpectrumStore.View.CUMULATIVE, 0, 0, segment, 0, Integer.MAX_VALUE);
        Answers.Fit fit = fits.fit(requested, mass, segment, cumulative, segmentState);
        Answers.Published published;
        try {
            published = publishedHere() ? localPublished(segment, mass)
                    : read(fetch(owner(SearchTopology.LATEST_SCANS_STORE, analysisId, Serdes.String().serializer()).activeHost(),
                            PUBLISHED + "?segment=" + segment + "&mass=" + mass), Answers.Published.class);
        } catch (QueryFailure | InvalidStateStoreException e) {
            // the provenance is "if known": the fit stands without it
            published = new Answers.Published(null, null, null, null);
        }
        return ok(fit.withPublished(published));
    }

    private boolean publishedHere() {
        return owner(SearchTopology.LATEST_SCANS_STORE, analysisId, Serdes.String().serializer()).activeHost().equals(self);
    }

    /** Internal: the latest scan of a segment and the latest curve's point at a test mass, as the curve's task holds them. */
    Reply published(Request req) {
        int segment;
        try {
            segment = Integer.parseInt(req.params().getOrDefault("segment", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("segment must be an integer, got '" + req.params().get("segment") + "'");
        }
        double mass = SpectrumRequest.number(req.params(), "mass", Double.NaN);
        if (!publishedHere()) {
            throw new QueryFailure(503, "the limit curve's task has moved; retry");
        }
        return ok(localPublished(segment, mass));
    }

    private Answers.Published localPublished(int segment, double mass) {
        KeyQueryMetadata owner = owner(SearchTopology.LATEST_SCANS_STORE, analysisId, Serdes.String().serializer());
        ReadOnlyKeyValueStore<Integer, ScanSegment> scans = store(SearchTopology.LATEST_SCANS_STORE, owner.partition());
        ReadOnlyKeyValueStore<String, LimitCurve> curves = store(SearchTopology.LATEST_LIMITS_STORE, owner.partition());
        ScanSegment scan = scans.get(segment);
        boolean ours = scan != null && scan.getAnalysisId().equals(analysisId);
        LimitCurve curve = curves.get(analysisId);
        Answers.Point point = null;
        if (curve != null) {
            for (MassPoint p : curve.getPoints()) {
                if (p.getMass() == mass) {
                    point = Answers.Point.of(p);
                }
            }
        }
        return new Answers.Published(ours ? scan.getVersion() : null, ours ? scan.getHistogramEntries() : null,
                curve == null ? null : curve.getVersion(), point);
    }

    // ---- spectra: each segment's part from the instance that holds it

    Reply spectrum(Request req) {
        SpectrumRequest r = SpectrumRequest.parse(req.params(), segments);
        Map<HostInfo, List<SpectrumAssembly.Part>> byHost = new LinkedHashMap<>();
        for (SpectrumAssembly.Part part : assembly.parts(r)) {
            HostInfo host = owner(SearchTopology.SPECTRA_STORE, part.segment(), Serdes.Integer().serializer()).activeHost();
            byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(part);
        }
        List<Answers.SegmentBins> pieces = new ArrayList<>();
        for (Map.Entry<HostInfo, List<SpectrumAssembly.Part>> e : byHost.entrySet()) {
            if (e.getKey().equals(self)) {
                pieces.addAll(localSegmentBins(r, e.getValue()));
            } else {
                String query = SEGMENT_BINS + "?" + segmentBinsQuery(req.params(), e.getValue());
                pieces.addAll(List.of(read(fetch(e.getKey(), query), Answers.SegmentBins[].class)));
            }
        }
        return ok(assembly.assemble(r, pieces));
    }

    private static String segmentBinsQuery(Map<String, String> params, List<SpectrumAssembly.Part> parts) {
        StringBuilder q = new StringBuilder();
        for (String name : List.of("view", "experiment", "run")) {
            if (params.containsKey(name)) {
                q.append(name).append('=').append(java.net.URLEncoder.encode(params.get(name), StandardCharsets.UTF_8)).append('&');
            }
        }
        q.append("parts=");
        for (int i = 0; i < parts.size(); i++) {
            SpectrumAssembly.Part p = parts.get(i);
            q.append(i > 0 ? "," : "").append(p.segment()).append(':').append(p.fromBin()).append(':').append(p.toBin());
        }
        return q.toString();
    }

    /** Internal: this instance's parts of a spectrum ({@code parts=segment:fromBin:toBin,...}). */
    Reply segmentBins(Request req) {
        SpectrumRequest r = SpectrumRequest.parse(req.params(), segments);
        List<SpectrumAssembly.Part> parts = new ArrayList<>();
        try {
            for (String p : req.params().getOrDefault("parts", "").split(",")) {
                String[] f = p.split(":");
                parts.add(new SpectrumAssembly.Part(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2])));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("parts must be segment:fromBin:toBin,..., got '" + req.params().get("parts") + "'");
        }
        return ok(localSegmentBins(r, parts));
    }

    private List<Answers.SegmentBins> localSegmentBins(SpectrumRequest r, List<SpectrumAssembly.Part> parts) {
        List<Answers.SegmentBins> out = new ArrayList<>();
        for (SpectrumAssembly.Part part : parts) {
            if (part.segment() < 0 || part.segment() >= segments.count()) {
                throw new IllegalArgumentException("no segment " + part.segment());
            }
            KeyQueryMetadata owner = owner(SearchTopology.SPECTRA_STORE, part.segment(), Serdes.Integer().serializer());
            if (!owner.activeHost().equals(self)) {
                throw new QueryFailure(503, "segment " + part.segment() + " has moved to " + owner.activeHost() + "; retry");
            }
            ReadOnlyKeyValueStore<Integer, long[]> state = store(SearchTopology.SEGMENTS_STORE, owner.partition());
            long clock = SegmentState.of(state.get(part.segment())).clockMillis();
            long[] labels = assembly.labels(r, clock);
            ReadOnlyKeyValueStore<Bytes, Long> spectra = store(SearchTopology.SPECTRA_STORE, owner.partition());
            out.add(new Answers.SegmentBins(part.segment(), clock, SpectrumStore.readOnly(spectra)
                    .bins(r.view(), labels[0], labels[1], part.segment(), part.fromBin(), part.toBin())));
        }
        return out;
    }

    // ---- cut-flow: counted per partition of the events topic, so every instance holds a share

    Reply cutFlow(Request req) {
        Integer[] run = run(req.params());
        int[] partitions = {-1};
        StreamPartitioner<Integer, Object> byNumber = (topic, p, value, n) -> {
            partitions[0] = n;
            return Optional.of(Set.of(p));
        };
        Map<HostInfo, List<Integer>> byHost = new TreeMap<>(java.util.Comparator.comparing(HostInfo::toString));
        for (int p = 0; p == 0 || p < partitions[0]; p++) {
            KeyQueryMetadata owner = streams.queryMetadataForKey(SearchTopology.CUT_FLOW_STORE, p, byNumber);
            byHost.computeIfAbsent(available(owner).activeHost(), h -> new ArrayList<>()).add(owner.partition());
        }
        CutFlowStore.Counts total = CutFlowStore.Counts.NONE;
        for (Map.Entry<HostInfo, List<Integer>> e : byHost.entrySet()) {
            if (e.getKey().equals(self)) {
                total = total.plus(localCounts(e.getValue(), run));
            } else {
                StringBuilder q = new StringBuilder(PARTITION_COUNTS + "?partitions=");
                q.append(String.join(",", e.getValue().stream().map(String::valueOf).toList()));
                if (run != null) {
                    q.append("&experiment=").append(run[0]).append("&run=").append(run[1]);
                }
                total = total.plus(CutFlowStore.Counts.of(read(fetch(e.getKey(), q.toString()), Answers.PartitionCounts.class).counts()));
            }
        }
        return ok(Answers.CutFlow.of(run == null ? null : run[0], run == null ? null : run[1], total));
    }

    /** Internal: the cut-flow counts of some partitions this instance holds ({@code partitions=0,2}). */
    Reply partitionCounts(Request req) {
        List<Integer> partitions = new ArrayList<>();
        try {
            for (String p : req.params().getOrDefault("partitions", "").split(",")) {
                partitions.add(Integer.parseInt(p));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("partitions must be a list of integers, got '" + req.params().get("partitions") + "'");
        }
        return ok(new Answers.PartitionCounts(partitions, localCounts(partitions, run(req.params())).toArray()));
    }

    private CutFlowStore.Counts localCounts(List<Integer> partitions, Integer[] run) {
        CutFlowStore.Counts sum = CutFlowStore.Counts.NONE;
        for (int p : partitions) {
            ReadOnlyKeyValueStore<String, long[]> store = store(SearchTopology.CUT_FLOW_STORE, p);
            if (run != null) {
                sum = sum.plus(CutFlowStore.Counts.of(store.get(CutFlowStore.runKey(run[0], run[1]))));
                continue;
            }
            try (KeyValueIterator<String, long[]> it = store.all()) {
                while (it.hasNext()) {
                    sum = sum.plus(CutFlowStore.Counts.of(it.next().value));
                }
            }
        }
        return sum;
    }

    private static Integer[] run(Map<String, String> q) {
        if (q.containsKey("experiment") != q.containsKey("run")) {
            throw new IllegalArgumentException("give both experiment and run, or neither");
        }
        if (!q.containsKey("run")) {
            return null;
        }
        try {
            return new Integer[] {Integer.parseInt(q.get("experiment")), Integer.parseInt(q.get("run"))};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("experiment and run must be integers");
        }
    }

    // ---- where a key lives, local stores, forwarding

    private <K> KeyQueryMetadata owner(String store, K key, Serializer<K> serializer) {
        return available(streams.queryMetadataForKey(store, key, serializer));
    }

    private static KeyQueryMetadata available(KeyQueryMetadata md) {
        if (md == null || md.equals(KeyQueryMetadata.NOT_AVAILABLE) || md.activeHost() == null
                || md.activeHost().equals(HostInfo.unavailable())) {
            throw new QueryFailure(503, "the state is not available (starting or rebalancing); retry");
        }
        return md;
    }

    private <K, V> ReadOnlyKeyValueStore<K, V> store(String name, int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore())
                .withPartition(partition));
    }

    private Reply forward(HostInfo owner, Request req) {
        if (req.forwarded()) {
            throw new QueryFailure(503, "forwarded here, but " + owner + " holds the key now; retry");
        }
        return fetch(owner, req.pathAndQuery());
    }

    private Reply fetch(HostInfo host, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .header(FORWARDED, "true").timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new QueryFailure(response.statusCode(), "from " + host + ": " + response.body());
            }
            return new Reply(200, response.body());
        } catch (IOException e) {
            throw new QueryFailure(503, "the instance at " + host + " holding the data did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryFailure(503, "interrupted");
        }
    }

    private <T> T read(Reply reply, Class<T> type) {
        try {
            return json.readValue(reply.body(), type);
        } catch (JsonProcessingException e) {
            throw new QueryFailure(502, "unreadable answer from another instance: " + e.getOriginalMessage());
        }
    }

    private Reply ok(Object answer) {
        try {
            return new Reply(200, json.writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + answer.getClass().getSimpleName() + " as JSON", e);
        }
    }

    // ---- HTTP

    private void serve(HttpExchange ex, Function<Request, Reply> query) throws IOException {
        Reply reply;
        if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
            reply = problem(405, "read-only endpoint: GET only");
        } else {
            try {
                URI uri = ex.getRequestURI();
                reply = query.apply(new Request(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                        parameters(uri.getRawQuery()), ex.getRequestHeaders().containsKey(FORWARDED)));
            } catch (QueryFailure e) {
                reply = problem(e.status, e.getMessage());
            } catch (IllegalArgumentException e) {
                reply = problem(400, e.getMessage());
            } catch (InvalidStateStoreException e) {
                reply = problem(503, "the state is not queryable now (" + e.getMessage() + "); retry");
            } catch (RuntimeException e) {
                reply = problem(500, e.toString());
            }
        }
        try (ex) {
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            if (reply.status() == 503) {
                ex.getResponseHeaders().set("Retry-After", "1");
            }
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(reply.status(), head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private Reply problem(int status, String message) {
        try {
            return new Reply(status, json.writeValueAsString(new Answers.Problem(status, message)));
        } catch (JsonProcessingException e) {
            return new Reply(status, "{\"status\":" + status + "}");
        }
    }

    static Map<String, String> parameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
