package org.fourmu.physics.limits;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.fourmu.physics.random.RandomStreams;

/**
 * CLs upper limits from toy experiments (A. L. Read, J. Phys. G 28 (2002) 2693) with the test
 * statistic q~_mu of Cowan, Cranmer, Gross, Vitells, EPJC 71 (2011) 1554, eq. 16, on one binned
 * channel. The parameter of interest mu is the signal yield at the nominal efficiency; the expected
 * signal is mu k, where the efficiency factor k has a Gaussian constraint of relative width
 * {@code relSystematic} around a global observable g (1 for the data): in each toy g is drawn from
 * N(1, relSystematic) and k is profiled in every fit, as {@link AsymptoticCls} profiles it
 * analytically.
 *
 * <p>Toy i draws its background from the channel's background expectation (the background-only fit
 * to the data) and, under the signal hypothesis mu, adds signal events from the signal shape: at least
 * one, their number from the Poisson distribution of mean mu sum(unitSignal) without its zero, since
 * the stratum without signal is the background-only toys themselves (see {@link #cls(Ensemble, double)}). Its random numbers depend only on (seed, i): the background counts are the same for
 * every mu and the signal events at mu are the first ones of a fixed sequence, so CLs(mu) changes
 * smoothly with mu and the root finder sees one function. The b-only and s+b ensembles share the
 * background draws, which is allowed (each is a correct sample) and reduces the noise of their ratio.
 * Results are identical for any number of threads.
 *
 * <p>CLs(mu) = p_{s+b} / (1 - p_b) = P(q >= q_obs | mu) / P(q >= q_obs | 0); the limit is where
 * CLs = 1 - CL. Expected limits: q_obs replaced by the quantile of q under background only that
 * gives the limit's quantile Phi(N) (the limit falls as q_obs grows), N = -2..2.
 */
public final class ToyCls {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
    private static final long BACKGROUND = 0;
    private static final long SIGNAL_COUNT = 1;
    private static final long SIGNAL_POSITIONS = 2;
    private static final long GLOBAL_OBSERVABLE = 3;

    private final BinnedChannel channel;
    private final double relSystematic;
    private final double cl;
    private final int toys;
    private final long seed;
    private final double[] backgroundCdf;
    private final double backgroundTotal;
    private final double[] signalCdf;
    private final double signalTotal;
    private final YieldLikelihood observed;
    private final YieldLikelihood[] backgroundToys;
    private final double[] globalObservables;
    private final Map<Double, Ensemble> ensembles = new ConcurrentHashMap<>();

    /**
     * The test statistic of every toy at one mu, sorted: signal+background toys with at least one
     * signal event, background-only toys; the Poisson probability of no signal event; the number of
     * toys whose fit failed.
     */
    record Ensemble(double[] signalPlusBackground, double[] backgroundOnly, double noSignal, int failures) {
    }

    /**
     * @param channel       the channel (observed counts, background, unit signal, fit)
     * @param relSystematic relative Gaussian uncertainty on the signal efficiency (0: none)
     * @param cl            confidence level (0.9)
     * @param toys          toys per hypothesis
     * @param seed          random seed
     */
    public ToyCls(BinnedChannel channel, double relSystematic, double cl, int toys, long seed) {
        if (!(relSystematic >= 0) || !(cl > 0 && cl < 1) || toys < 10) {
            throw new IllegalArgumentException("need relSystematic >= 0, 0 < cl < 1 and at least 10 toys");
        }
        this.channel = channel;
        this.relSystematic = relSystematic;
        this.cl = cl;
        this.toys = toys;
        this.seed = seed;
        this.backgroundCdf = cumulative(channel.background());
        this.backgroundTotal = backgroundCdf[backgroundCdf.length - 1];
        this.signalCdf = cumulative(channel.unitSignal());
        this.signalTotal = signalCdf[signalCdf.length - 1];
        if (!(signalTotal > 0)) {
            throw new IllegalArgumentException("the signal expects no events in the channel");
        }
        this.observed = channel.fit().apply(channel.observed());
        this.globalObservables = new double[toys];
        this.backgroundToys = new YieldLikelihood[toys];
        IntStream.range(0, toys).parallel().forEach(i -> {
            double u = RandomStreams.uniform(seed, i, GLOBAL_OBSERVABLE);
            // the efficiency factor stays positive: a draw below 1e-3 (beyond 9 sigma for 11%) is clipped
            globalObservables[i] = relSystematic == 0 ? 1 : Math.max(1e-3, 1 + relSystematic * NORMAL.inverseCumulativeProbability(u));
            backgroundToys[i] = channel.fit().apply(backgroundCounts(i));
        });
    }

    private static double[] cumulative(double[] expected) {
        double[] c = new double[expected.length];
        double s = 0;
        for (int i = 0; i < expected.length; i++) {
            s += expected[i];
            c[i] = s;
        }
        return c;
    }

    /** The bin of a uniform draw under a cumulative table. */
    private static int binOf(double[] cdf, double u) {
        double target = u * cdf[cdf.length - 1];
        int i = Arrays.binarySearch(cdf, target);
        i = i >= 0 ? i + 1 : -i - 1;
        i = Math.min(i, cdf.length - 1);
        while (i > 0 && cdf[i] == cdf[i - 1]) {
            i--; // never land on a bin with nothing expected
        }
        return i;
    }

    long[] backgroundCounts(int toy) {
        long[] counts = new long[channel.bins()];
        if (backgroundTotal > 0) {
            UniformRandomProvider rng = RandomStreams.forKeys(seed, toy, BACKGROUND);
            long n = PoissonSampler.of(rng, backgroundTotal).sample();
            for (long k = 0; k < n; k++) {
                counts[binOf(backgroundCdf, rng.nextDouble())]++;
            }
        }
        return counts;
    }

    /**
     * Background counts of toy i plus its signal events for yield mu (at the nominal efficiency),
     * at least one: the number is drawn from the Poisson distribution without its zero, the
     * no-signal stratum being the background-only toys themselves.
     */
    long[] signalPlusBackgroundCounts(int toy, double mu) {
        long[] counts = backgroundCounts(toy);
        double mean = mu * signalTotal;
        if (mean > 0) {
            double p0 = Math.exp(-mean);
            double u = p0 + (1 - p0) * RandomStreams.uniform(seed, toy, SIGNAL_COUNT);
            long n = Math.max(1, PoissonDistribution.of(mean).inverseCumulativeProbability(Math.min(u, Math.nextDown(1.0))));
            UniformRandomProvider rng = RandomStreams.forKeys(seed, toy, SIGNAL_POSITIONS);
            for (long k = 0; k < n; k++) {
                counts[binOf(signalCdf, rng.nextDouble())]++;
            }
        }
        return counts;
    }

    /**
     * min over k of [-ln L(mu k) + (k - g)^2 / (2 relSyst^2)]: the conditional fit at mu with the
     * efficiency factor profiled (Brent; the function is convex in k).
     */
    double conditionalNll(YieldLikelihood l, double mu, double g) {
        if (relSystematic == 0 || mu == 0) {
            return l.profileNll(mu * g);
        }
        double s2 = 2 * relSystematic * relSystematic;
        double lo = Math.max(1e-6, g - 8 * relSystematic);
        double hi = g + 8 * relSystematic;
        UnivariateObjectiveFunction f = new UnivariateObjectiveFunction(k -> {
            double v = l.profileNll(mu * k);
            return Double.isNaN(v) ? Double.MAX_VALUE : v + (k - g) * (k - g) / s2;
        });
        // k to 1e-3 of its constraint width: the minimum value is then exact to ~1e-6
        return new BrentOptimizer(1e-8, 1e-3 * relSystematic)
                .optimize(new MaxEval(500), f, GoalType.MINIMIZE, new SearchInterval(lo, hi, g)).getValue();
    }

    /**
     * q~_mu for one fit with global observable g: 0 if mu_hat > mu, else twice the log-likelihood
     * ratio against the best fit, or against mu = 0 if mu_hat < 0 (Cowan et al. eq. 16); NaN if a
     * fit failed. mu_hat = s_hat / g, where the unconditional fit puts k at g.
     */
    double qTilde(YieldLikelihood l, double mu, double g) {
        double muHat = l.signalYield() / g;
        if (Double.isNaN(muHat)) {
            return Double.NaN;
        }
        if (muHat > mu) {
            return 0;
        }
        double reference = muHat < 0 ? l.profileNll(0) : l.minimumNll();
        return Math.max(0, 2 * (conditionalNll(l, mu, g) - reference));
    }

    Ensemble ensemble(double mu) {
        return ensembles.computeIfAbsent(mu, m -> {
            double[] sb = new double[toys];
            double[] b = new double[toys];
            IntStream.range(0, toys).parallel().forEach(i -> {
                YieldLikelihood l = channel.fit().apply(signalPlusBackgroundCounts(i, m));
                sb[i] = qTilde(l, m, globalObservables[i]);
                b[i] = qTilde(backgroundToys[i], m, globalObservables[i]);
            });
            int failures = (int) (Arrays.stream(sb).filter(Double::isNaN).count() + Arrays.stream(b).filter(Double::isNaN).count());
            return new Ensemble(sortedFinite(sb), sortedFinite(b), Math.exp(-m * signalTotal), failures);
        });
    }

    private static double[] sortedFinite(double[] q) {
        return Arrays.stream(q).filter(v -> !Double.isNaN(v)).sorted().toArray();
    }

    /** Fraction of a sorted array at or above q (NaN if empty). */
    static double tailFraction(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = Arrays.binarySearch(sorted, q);
        if (i < 0) {
            i = -i - 1;
        } else {
            while (i > 0 && sorted[i - 1] == q) {
                i--;
            }
        }
        return (double) (sorted.length - i) / sorted.length;
    }

    /**
     * CLs at mu for an observed test statistic. Stratified on the number of signal events: a
     * signal+background experiment without signal events is a background-only one, so
     * p_{s+b} = P0 (1 - p_b) + (1 - P0) P(q >= q_obs | at least one signal event), P0 = exp(-mu S),
     * and CLs = P0 + (1 - P0) P(q >= q_obs | >= 1) / (1 - p_b) >= P0 exactly, as it must be (a CLs
     * limit is never below 2.30 events); the toys only estimate the second term.
     */
    static double cls(Ensemble e, double qObserved) {
        double withSignal = tailFraction(e.signalPlusBackground(), qObserved);
        double oneMinusPb = tailFraction(e.backgroundOnly(), qObserved);
        if (oneMinusPb == 0) {
            return withSignal == 0 ? e.noSignal() : 1;
        }
        return Math.min(1, e.noSignal() + (1 - e.noSignal()) * withSignal / oneMinusPb);
    }

    /** q~_mu of the observed counts. */
    public double observedTestStatistic(double mu) {
        return qTilde(observed, mu, 1);
    }

    /** CLs of the observed counts at signal yield mu. */
    public double cls(double mu) {
        return mu <= 0 ? 1 : cls(ensemble(mu), observedTestStatistic(mu));
    }

    /**
     * The binomial standard error of {@link #cls(double)} from the toy counts in the two tails,
     * treated as independent (the shared background draws correlate them positively, which only
     * makes the ratio less noisy): what the toy limit's precision rests on where few toys fall in
     * the tails, e.g. at a deficit.
     */
    public double clsStandardError(double mu) {
        if (mu <= 0) {
            return 0;
        }
        Ensemble e = ensemble(mu);
        double q = observedTestStatistic(mu);
        double withSignal = tailFraction(e.signalPlusBackground(), q);
        double oneMinusPb = tailFraction(e.backgroundOnly(), q);
        if (!(withSignal > 0 && oneMinusPb > 0)) {
            return Double.NaN;
        }
        double relVariance = (1 - withSignal) / (withSignal * e.signalPlusBackground().length)
                + (1 - oneMinusPb) / (oneMinusPb * e.backgroundOnly().length);
        return (1 - e.noSignal()) * withSignal / oneMinusPb * Math.sqrt(relVariance);
    }

    /** The expected CLs at mu for background only at N standard deviations of the limit distribution. */
    public double expectedCls(double mu, double nSigma) {
        if (mu <= 0) {
            return 1;
        }
        Ensemble e = ensemble(mu);
        double[] qb = e.backgroundOnly();
        double p = NORMAL.cumulativeProbability(-nSigma);
        double q = qb[Math.min(qb.length - 1, (int) Math.floor(p * qb.length))];
        return cls(e, q);
    }

    /** The observed upper limit on the signal yield. */
    public double upperLimit() {
        return solve(this::cls);
    }

    /** Expected limits at -2, -1, 0, +1, +2 standard deviations, from the background-only toys. */
    public double[] expectedBand() {
        double[] out = new double[5];
        for (int k = 0; k < 5; k++) {
            double n = k - 2;
            out[k] = solve(mu -> expectedCls(mu, n));
        }
        return out;
    }

    /** Signal hypotheses tried so far (each costs two sets of toys). */
    public int hypothesesTried() {
        return ensembles.size();
    }

    /** Toys whose fit failed so far (excluded from the ensembles). */
    public int failedFits() {
        return ensembles.values().stream().mapToInt(Ensemble::failures).sum();
    }

    /**
     * The mu where clsOf(mu) = 1 - CL: bracketed from a starting scale (the observed yield plus 2.5
     * standard deviations from the curvature of the profile likelihood, plus 2.3), doubled until
     * excluded, then Brent's method.
     */
    private double solve(java.util.function.DoubleUnaryOperator clsOf) {
        double alpha = 1 - cl;
        double sigma = curvatureError();
        double hi = Math.max(0, observed.signalYield()) + 2.5 * sigma + 2.3;
        int doublings = 0;
        while (clsOf.applyAsDouble(hi) > alpha) {
            hi *= 2;
            if (++doublings > 30) {
                throw new IllegalStateException("CLs stays above " + alpha + " up to mu = " + hi);
            }
        }
        double tolerance = 1e-3 * hi; // well below the toys' statistical precision
        return new BrentSolver(1e-12, tolerance).solve(200, mu -> clsOf.applyAsDouble(mu) - alpha, 0, hi);
    }

    /** The yield's standard deviation from the curvature of the observed profile likelihood, with the systematic. */
    private double curvatureError() {
        double s = Math.max(0, observed.signalYield());
        double h = Math.max(0.5, 0.05 * s);
        double n0 = observed.profileNll(s);
        double n1 = observed.profileNll(s + h);
        double n2 = observed.profileNll(s + 2 * h);
        double curvature = (n2 - 2 * n1 + n0) / (h * h);
        double stat = curvature > 0 ? 1 / Math.sqrt(curvature) : 1 + Math.sqrt(backgroundTotal);
        return Math.sqrt(stat * stat + Math.pow(relSystematic * (s + 2 * stat), 2));
    }
}
