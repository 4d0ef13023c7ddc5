package org.fourmu.physics.calibration;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.models.SignalCrossSectionTable;
import org.fourmu.physics.pid.BinnedPdf;
import org.fourmu.physics.pid.ParticleHypothesis;
import org.fourmu.physics.pid.PidPdfs;
import org.fourmu.physics.trigger.TriggerEfficiencyMaps;

/**
 * The calibration bundle's file: one JSON document
 * <pre>{"format": "fourmu-calibration", "formatVersion": 1, "id": "&lt;sha-256&gt;", "content": {...}}</pre>
 * whose id is the SHA-256 of the canonical form of format, version and content (doubles as their
 * IEEE-754 bits, see {@link BundleTree}). Reading refuses another format or version, unknown or
 * missing fields, and content whose hash is not the id; each refusal names the problem. The layout
 * is documented in docs/calibration.md.
 */
public final class CalibrationBundleFormat {

    public static final String FORMAT = "fourmu-calibration";
    public static final long VERSION = 1;

    /** File names written by {@link #write}: calibration-&lt;first 12 hex digits of the id&gt;.json. */
    private static final Pattern FILE_NAME = Pattern.compile("calibration-([0-9a-f]{" + CalibrationBundle.SHORT_ID_LENGTH + "})\\.json");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{64}");

    private CalibrationBundleFormat() {
    }

    /** The bundle's id: SHA-256 of its canonical form. */
    public static String id(CalibrationBundle bundle) {
        return BundleTree.sha256(hashed(content(bundle)));
    }

    private static Map<String, Object> hashed(Map<String, Object> content) {
        Map<String, Object> h = BundleTree.object();
        h.put("format", FORMAT);
        h.put("formatVersion", VERSION);
        h.put("content", content);
        return h;
    }

    /** The JSON document. */
    public static byte[] toJson(CalibrationBundle bundle) {
        Map<String, Object> content = content(bundle);
        Map<String, Object> root = BundleTree.object();
        root.put("format", FORMAT);
        root.put("formatVersion", VERSION);
        root.put("id", BundleTree.sha256(hashed(content)));
        root.put("content", content);
        return BundleTree.toJson(root);
    }

    /** Write {@code calibration-<short id>.json} into a directory; returns the file. */
    public static Path write(CalibrationBundle bundle, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve("calibration-" + bundle.shortId() + ".json");
        Files.write(file, toJson(bundle));
        return file;
    }

    /**
     * Read and verify a bundle file. A file named {@code calibration-<hex>.json} must hold the bundle
     * whose id starts with that hex.
     */
    public static CalibrationBundle read(Path file) throws IOException {
        String name = file.getFileName().toString();
        CalibrationBundle b = fromJson(Files.readAllBytes(file), name);
        Matcher m = FILE_NAME.matcher(name);
        if (m.matches() && !b.id().startsWith(m.group(1))) {
            throw new CalibrationBundleException("calibration bundle " + name + ": its id " + b.id()
                    + " does not match the id in its file name (" + m.group(1) + "): renamed or replaced");
        }
        return b;
    }

    /** Read and verify, and require a given id (or id prefix, at least 8 hex digits). */
    public static CalibrationBundle read(Path file, String expectedId) throws IOException {
        CalibrationBundle b = read(file);
        requireId(b, expectedId, file.getFileName().toString());
        return b;
    }

    /** Read and verify a bundle from the class path. */
    public static CalibrationBundle readResource(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new CalibrationBundleException("no calibration bundle at class-path resource " + resource);
            }
            return fromJson(in.readAllBytes(), resource);
        }
    }

    static void requireId(CalibrationBundle b, String expectedId, String source) {
        if (!expectedId.matches("[0-9a-f]{8,64}")) {
            throw new IllegalArgumentException("a bundle id is at least 8 lower-case hex digits, got '" + expectedId + "'");
        }
        if (!b.id().startsWith(expectedId)) {
            throw new CalibrationBundleException("calibration bundle " + source + " is " + b.id() + ", not the requested "
                    + expectedId);
        }
    }

    /** Parse and verify a JSON document; {@code source} names it in messages. */
    public static CalibrationBundle fromJson(byte[] json, String source) {
        try {
            BundleFields root = BundleFields.of(BundleTree.fromJson(json), "");
            String format = root.string("format");
            if (!FORMAT.equals(format)) {
                throw new CalibrationBundleException("not a calibration bundle: format is '" + format + "', expected '" + FORMAT + "'");
            }
            long version = root.integer("formatVersion");
            if (version != VERSION) {
                throw new CalibrationBundleException("format version " + version + " is not supported; this fourmu reads version "
                        + VERSION);
            }
            String id = root.string("id");
            if (!HEX_ID.matcher(id).matches()) {
                throw new CalibrationBundleException("'id' is not a SHA-256 in hex: '" + id + "'");
            }
            CalibrationBundle bundle = bundle(root.object("content"));
            root.done();
            String actual = bundle.id();
            if (!actual.equals(id)) {
                throw new CalibrationBundleException("content hash " + actual + " does not match the bundle id " + id
                        + ": the file was corrupted or edited after it was built");
            }
            return bundle;
        } catch (CalibrationBundleException e) {
            throw new CalibrationBundleException("calibration bundle " + source + ": " + e.getMessage(), e);
        }
    }

    // ---- content -> tree ----

    private static Map<String, Object> content(CalibrationBundle b) {
        Map<String, Object> c = BundleTree.object();
        Map<String, Object> provenance = BundleTree.object();
        provenance.putAll(b.provenance());
        c.put("provenance", provenance);
        Map<String, Object> shapes = BundleTree.object();
        b.shapes().forEach((model, s) -> shapes.put(model, recordTree(s)));
        c.put("shapes", shapes);
        Map<String, Object> efficiencies = BundleTree.object();
        b.efficiencies().forEach((model, e) -> efficiencies.put(model, recordTree(e)));
        c.put("efficiencies", efficiencies);
        c.put("trigger", recordTree(b.trigger()));
        c.put("pid", pidTree(b.pid()));
        List<Object> sources = new ArrayList<>();
        for (SystematicUncertainties.Source s : b.systematics().sources()) {
            sources.add(recordTree(s));
        }
        Map<String, Object> systematics = BundleTree.object();
        systematics.put("sources", sources);
        c.put("systematics", systematics);
        Map<String, Object> models = BundleTree.object();
        b.models().forEach((model, t) -> {
            Map<String, Object> m = BundleTree.object();
            m.put("massesGeV", t.crossSections().massesGeV());
            m.put("sigmaTimesBranchingFb", t.crossSections().sigmaFb());
            m.put("sigmaTimesBranchingErrorFb", t.crossSections().errorFb());
            m.put("branchingFractionMuMu", t.branchingFractionMuMu());
            models.put(model, m);
        });
        c.put("models", models);
        Map<String, Object> mlp = BundleTree.object();
        mlp.put("formatId", b.mlp().formatId());
        mlp.put("bytes", b.mlp().bytes());
        c.put("mlp", mlp);
        return c;
    }

    /** A record of numbers, number arrays, strings and booleans, field by field in declaration order. */
    private static Map<String, Object> recordTree(Record r) {
        Map<String, Object> m = BundleTree.object();
        for (RecordComponent rc : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = rc.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (v instanceof Double d) {
                requireFinite(d, rc.getName());
            } else if (v instanceof double[] a) {
                for (double d : a) {
                    requireFinite(d, rc.getName());
                }
            } else if (v instanceof Integer i) {
                v = (long) i;
            } else if (!(v instanceof String) && !(v instanceof Boolean)) {
                throw new IllegalArgumentException("cannot store field " + rc.getName() + " of " + r.getClass().getSimpleName());
            }
            m.put(rc.getName(), v);
        }
        return m;
    }

    private static void requireFinite(double d, String field) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("calibration field " + field + " is not a finite number: " + d);
        }
    }

    private static Map<String, Object> pidTree(PidPdfs pid) {
        Map<String, Object> m = BundleTree.object();
        m.put("momentumEdgesGeV", pid.momentumEdgesGeV());
        m.put("klm", pdfsTree(pid.klm()));
        m.put("eOverP", pdfsTree(pid.eOverP()));
        m.put("dedx", pdfsTree(pid.dedx()));
        return m;
    }

    private static Map<String, Object> pdfsTree(Map<ParticleHypothesis, List<BinnedPdf>> pdfs) {
        Map<String, Object> m = BundleTree.object();
        for (ParticleHypothesis h : ParticleHypothesis.values()) {
            List<Object> bins = new ArrayList<>();
            for (BinnedPdf p : pdfs.get(h)) {
                bins.add(recordTree(p));
            }
            m.put(h.name(), bins);
        }
        return m;
    }

    // ---- tree -> content ----

    private static CalibrationBundle bundle(BundleFields c) {
        BundleFields prov = c.object("provenance");
        Map<String, String> provenance = new TreeMap<>();
        for (String k : prov.names()) {
            provenance.put(k, prov.string(k));
        }
        prov.done();
        Map<String, SignalShapeModel> shapes = new TreeMap<>();
        BundleFields s = c.object("shapes");
        for (String model : s.names()) {
            shapes.put(model, record(SignalShapeModel.class, s.object(model)));
        }
        s.done();
        Map<String, EfficiencyCurve> efficiencies = new TreeMap<>();
        BundleFields e = c.object("efficiencies");
        for (String model : e.names()) {
            efficiencies.put(model, record(EfficiencyCurve.class, e.object(model)));
        }
        e.done();
        TriggerEfficiencyMaps trigger = record(TriggerEfficiencyMaps.class, c.object("trigger"));
        PidPdfs pid = pid(c.object("pid"));
        BundleFields syst = c.object("systematics");
        List<SystematicUncertainties.Source> sources = new ArrayList<>();
        List<?> list = syst.list("sources");
        for (int i = 0; i < list.size(); i++) {
            sources.add(record(SystematicUncertainties.Source.class, BundleFields.of(list.get(i), syst.path() + ".sources[" + i + "]")));
        }
        syst.done();
        Map<String, ModelTable> models = new TreeMap<>();
        BundleFields mt = c.object("models");
        for (String model : mt.names()) {
            BundleFields f = mt.object(model);
            models.put(model, f.build(() -> new ModelTable(new SignalCrossSectionTable(model, f.numbers("massesGeV"),
                    f.numbers("sigmaTimesBranchingFb"), f.numbers("sigmaTimesBranchingErrorFb")), f.numbers("branchingFractionMuMu"))));
            f.done();
        }
        mt.done();
        BundleFields m = c.object("mlp");
        MlpSelectionPayload mlp = m.build(() -> new MlpSelectionPayload(m.string("formatId"), m.bytes("bytes")));
        m.done();
        c.done();
        return c.build(() -> new CalibrationBundle(provenance, shapes, efficiencies, trigger, pid,
                new SystematicUncertainties(sources), models, mlp));
    }

    private static <R extends Record> R record(Class<R> type, BundleFields f) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            types[i] = components[i].getType();
            if (types[i] == double.class) {
                args[i] = f.number(name);
            } else if (types[i] == double[].class) {
                args[i] = f.numbers(name);
            } else if (types[i] == int.class) {
                args[i] = Math.toIntExact(f.integer(name));
            } else if (types[i] == boolean.class) {
                args[i] = f.flag(name);
            } else if (types[i] == String.class) {
                args[i] = f.string(name);
            } else {
                throw new IllegalStateException("no reader for " + types[i]);
            }
        }
        f.done();
        return f.build(() -> {
            try {
                Constructor<R> ctor = type.getDeclaredConstructor(types);
                return ctor.newInstance(args);
            } catch (java.lang.reflect.InvocationTargetException ex) {
                if (ex.getCause() instanceof IllegalArgumentException iae) {
                    throw iae;
                }
                throw new IllegalStateException(ex.getCause());
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    private static PidPdfs pid(BundleFields f) {
        double[] edges = f.numbers("momentumEdgesGeV");
        PidPdfs p = new PidPdfs(edges, pdfs(f.object("klm"), edges.length - 1), pdfs(f.object("eOverP"), edges.length - 1),
                pdfs(f.object("dedx"), edges.length - 1));
        f.done();
        return p;
    }

    private static Map<ParticleHypothesis, List<BinnedPdf>> pdfs(BundleFields f, int bins) {
        Map<ParticleHypothesis, List<BinnedPdf>> out = new EnumMap<>(ParticleHypothesis.class);
        for (ParticleHypothesis h : ParticleHypothesis.values()) {
            List<?> list = f.list(h.name());
            if (list.size() != bins) {
                throw new CalibrationBundleException("'" + f.path() + "." + h.name() + "' needs one PDF per momentum bin ("
                        + bins + "), has " + list.size());
            }
            List<BinnedPdf> pdfs = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                pdfs.add(record(BinnedPdf.class, BundleFields.of(list.get(i), f.path() + "." + h.name() + "[" + i + "]")));
            }
            out.put(h, List.copyOf(pdfs));
        }
        f.done();
        return out;
    }
}
