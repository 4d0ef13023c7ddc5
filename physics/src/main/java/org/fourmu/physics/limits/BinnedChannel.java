package org.fourmu.physics.limits;

import java.util.function.Function;

/**
 * A binned Poisson search channel as the toy calculator sees it: the observed counts, the expected
 * background per bin from which background-only toys are drawn, the expected counts per bin of a
 * unit signal yield, and the fit that turns any counts into a likelihood in the signal yield.
 *
 * @param observed   observed counts per bin
 * @param background expected background per bin (for a fit window: its background-only fit)
 * @param unitSignal expected counts per bin for a signal yield of 1
 * @param fit        counts per bin to their likelihood in the signal yield
 */
public record BinnedChannel(long[] observed, double[] background, double[] unitSignal,
                            Function<long[], YieldLikelihood> fit) {

    public BinnedChannel {
        if (observed.length != background.length || observed.length != unitSignal.length) {
            throw new IllegalArgumentException("observed, background and signal need one value per bin");
        }
        for (int i = 0; i < observed.length; i++) {
            if (observed[i] < 0 || !(background[i] >= 0) || !(unitSignal[i] >= 0)) {
                throw new IllegalArgumentException("counts and expectations must be non-negative (bin " + i + ")");
            }
        }
    }

    public int bins() {
        return observed.length;
    }

    /**
     * A counting experiment: one bin, {@code observed} events, a known background (not fitted), the
     * likelihood Poisson(n | s + b).
     */
    public static BinnedChannel counting(long observed, double background) {
        if (!(background >= 0)) {
            throw new IllegalArgumentException("background must be >= 0");
        }
        return new BinnedChannel(new long[] {observed}, new double[] {background}, new double[] {1.0},
                counts -> countingLikelihood(counts[0], background));
    }

    /** -ln Poisson(n | s + b) without the constant ln n!. */
    static YieldLikelihood countingLikelihood(long n, double b) {
        return new YieldLikelihood() {
            @Override
            public double signalYield() {
                return n - b;
            }

            @Override
            public double minimumNll() {
                return profileNll(n - b);
            }

            @Override
            public double profileNll(double yield) {
                double mu = yield + b;
                if (n == 0) {
                    return mu >= 0 ? mu : Double.NaN;
                }
                return mu > 0 ? mu - n * Math.log(mu) : Double.NaN;
            }
        };
    }
}
