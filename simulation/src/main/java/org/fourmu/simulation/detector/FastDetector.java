package org.fourmu.simulation.detector;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.HelixParameters;
import org.fourmu.physics.event.McTruth;
import org.fourmu.physics.event.Photon;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.GeneratedParticle;

/**
 * Fast Belle II-like detector response: turns a generated event into the {@link RecordedEvent} the
 * analysis reads (smeared helices with their covariance, ECL/KLM/dE/dx observables, photons).
 * Every number comes from {@link DetectorParameters}; randomness is keyed by (seed, experiment, run, event).
 */
public final class FastDetector {

    private static final double FIELD_T = PhysicalConstants.BELLE2_SOLENOID_FIELD_T;
    private static final double MU = PhysicalConstants.MUON_MASS_GEV;
    private static final double ME = PhysicalConstants.ELECTRON_MASS_GEV;

    private final DetectorParameters p;
    private final DedxModel dedx;
    private final KlmResponse klm;

    public FastDetector(DetectorParameters parameters) {
        this.p = parameters;
        this.dedx = new DedxModel(parameters.dedxFermiPlateau());
        this.klm = new KlmResponse(parameters);
    }

    /** The detector with {@link DetectorParameters#NOMINAL}. */
    public static FastDetector nominal() {
        return new FastDetector(DetectorParameters.NOMINAL);
    }

    public DetectorParameters parameters() {
        return p;
    }

    /** The KLM model (also gives the layers a muon is expected to cross). */
    public KlmResponse klm() {
        return klm;
    }

    /** The dE/dx model in MIP units. */
    public DedxModel dedx() {
        return dedx;
    }

    /** The recorded event for a generated one; the event time is 0 (see the overload with a time). */
    public RecordedEvent simulate(GeneratedEvent g, int experiment, int run, long eventNumber, BeamConditions beams, long seed) {
        return simulate(g, experiment, run, eventNumber, 0L, beams, seed);
    }

    /**
     * The recorded event for a generated one. The beams enter through the generated momenta (the
     * generator already used them); the geometry is fixed in the Belle II frame, so {@code beams} is
     * only checked for consistency of the interface (beam-dependent background levels could use it).
     */
    public RecordedEvent simulate(GeneratedEvent g, int experiment, int run, long eventNumber, long timeMillis,
                                  BeamConditions beams, long seed) {
        UniformRandomProvider rng = RandomStreams.forKeys(seed, experiment, run, eventNumber);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double vx = p.beamSpotSigmaXCm() * gauss.sample();
        double vy = p.beamSpotSigmaYCm() * gauss.sample();
        double vz = p.beamSpotSigmaZCm() * gauss.sample();
        List<Track> tracks = new ArrayList<>();
        List<Photon> photons = new ArrayList<>();
        for (GeneratedParticle particle : g.particles()) {
            int pdg = Math.abs(particle.pdgId());
            if (pdg == PhysicalConstants.PDG_PHOTON) {
                photon(particle.momentum(), vx, vy, vz, rng, gauss, tracks, photons);
            } else if (particle.charge() != 0) {
                charged(particle, vx, vy, vz, rng, gauss, tracks, photons);
            }
            // other neutrals (K0L, neutrons, neutrinos) leave nothing this model records
        }
        beamBackground(rng, photons);
        return new RecordedEvent(experiment, run, eventNumber, timeMillis, tracks, photons, Optional.empty(),
            Optional.of(new McTruth(g.process(), g.xMassGeV(), g.weight())));
    }

    /**
     * The most tracks {@link #simulate} can reconstruct from a generated event, whatever its random numbers: one
     * per charged particle inside the tracking acceptance and two per photon that can convert there (the
     * conversion pair is collinear with the photon). Tracking efficiency and conversion probability are never
     * counted against it, so an event with fewer cannot reach a track count above this: a loss-free
     * generator-level skim.
     */
    public int maxTracks(GeneratedEvent g) {
        int n = 0;
        for (GeneratedParticle particle : g.particles()) {
            n += maxTracks(particle);
        }
        return n;
    }

    /** Tracks one generated particle can give: 1 charged in the acceptance, 2 a photon that can convert there, else 0. */
    private int maxTracks(GeneratedParticle particle) {
        FourVector mom = particle.momentum();
        if (Math.abs(particle.pdgId()) == PhysicalConstants.PDG_PHOTON) {
            return canConvert(mom) && inTracking(mom) ? 2 : 0;
        }
        return particle.charge() != 0 && inTracking(mom) ? 1 : 0;
    }

    private boolean inTracking(FourVector mom) {
        double thetaDeg = Math.toDegrees(mom.theta());
        return thetaDeg >= p.trackThetaMinDeg() && thetaDeg <= p.trackThetaMaxDeg();
    }

    private static boolean canConvert(FourVector photon) {
        return photon.e() > 4 * ME;
    }

    /**
     * Single-particle response of a charged particle produced at the origin (particle-gun studies,
     * validation); empty when it is not reconstructed as a track.
     */
    public Optional<Track> simulateTrack(GeneratedParticle particle, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        List<Track> tracks = new ArrayList<>(1);
        charged(particle, 0, 0, 0, rng, gauss, tracks, new ArrayList<>());
        return tracks.isEmpty() ? Optional.empty() : Optional.of(tracks.get(0));
    }

    /** Photons reconstructed from a single generated photon at the origin (no conversion, no beam background). */
    public Optional<Photon> simulatePhoton(FourVector photon, UniformRandomProvider rng) {
        return cluster(photon.e(), photon.theta(), photon.phi(), rng, ZigguratSampler.NormalizedGaussian.of(rng));
    }

    private void charged(GeneratedParticle particle, double x, double y, double z, UniformRandomProvider rng,
                         ZigguratSampler.NormalizedGaussian gauss, List<Track> tracks, List<Photon> photons) {
        FourVector mom = particle.momentum();
        int pdg = Math.abs(particle.pdgId());
        int charge = particle.charge();
        double theta = mom.theta();
        double thetaDeg = Math.toDegrees(theta);
        double pt = Math.hypot(mom.px(), mom.py());
        // what reaches the outer detectors: a pi/K may decay in flight to a muon before the KLM
        double outerMomentum = mom.p();
        boolean muonLike = pdg == PhysicalConstants.PDG_MUON;
        boolean hadron = pdg == PhysicalConstants.PDG_PION || pdg == PhysicalConstants.PDG_KAON || pdg == PhysicalConstants.PDG_PROTON;
        if (pdg == PhysicalConstants.PDG_PION || pdg == PhysicalConstants.PDG_KAON) {
            double mass = mom.mass();
            boolean pion = pdg == PhysicalConstants.PDG_PION;
            double ctau = pion ? DetectorParameters.PION_CTAU_CM : DetectorParameters.KAON_CTAU_CM;
            double toMuon = pion ? 1.0 : DetectorParameters.KAON_MUNU_BRANCHING;
            double flight = klm.layers(theta) > 0 ? klm.distanceToKlmCm(theta) : DetectorParameters.ECL_BARREL_RADIUS_CM;
            double decay = 1.0 - Math.exp(-flight * mass / (mom.p() * ctau));
            if (rng.nextDouble() < decay * toMuon) {
                // two-body decay in flight: the muon's lab energy fraction is flat in [m_mu^2/m^2, 1] (relativistic parent)
                double r = MU * MU / (mass * mass);
                outerMomentum = mom.p() * (r + (1 - r) * rng.nextDouble());
                muonLike = true;
                hadron = false;
            }
        }
        boolean showered = hadron && rng.nextDouble() < p.eclPionInteractionProbability();
        double eclDeposit = eclDeposit(pdg, muonLike, showered, mom, outerMomentum, rng, gauss);
        if (!inTracking(mom) || rng.nextDouble() >= trackingEfficiency(pt)) {
            // an unreconstructed charged particle that reaches the ECL leaves an unmatched cluster
            if (eclDeposit > p.photonThresholdGeV()) {
                photons.add(new Photon(eclDeposit, theta, mom.phi()));
            }
            return;
        }
        HelixParameters helix = smearedHelix(mom, charge, x, y, z, rng, gauss);
        double measuredP = helix.momentum(MU, FIELD_T).p();
        double measuredTheta = Math.atan2(1.0, helix.tanLambda());
        int expected = klm.expectedLayers(measuredP, measuredTheta);
        double outerPt = outerMomentum * Math.sin(theta);
        int reached;
        if (muonLike) {
            reached = klm.muonReached(outerMomentum, outerPt, theta, rng, gauss);
        } else if (hadron) {
            reached = klm.hadronReached(mom.p(), pt, mom.mass(), theta, showered, rng, gauss);
        } else if (pdg == PhysicalConstants.PDG_ELECTRON && p.inEclGap(thetaDeg)) {
            reached = klm.electronGapReached(theta, rng);
        } else {
            reached = 0;
        }
        double dedxValue = dedx.mipUnits(mom.p() / Math.max(mom.mass(), ME)) * (1.0 + p.dedxResolution() * gauss.sample());
        tracks.add(new Track(helix, reached, expected, eclDeposit, dedxValue, OptionalDouble.empty(), OptionalDouble.empty()));
    }

    /**
     * Track-finding efficiency versus pT: a logistic turn-on to the plateau, and zero below
     * {@link #MIN_TRACK_PT_GEV}, where the helix is too small to cross the layers a track needs.
     */
    public double trackingEfficiency(double ptGeV) {
        if (ptGeV < MIN_TRACK_PT_GEV) {
            return 0.0;
        }
        return p.trackPlateauEfficiency() / (1.0 + Math.exp(-(ptGeV - p.trackPtHalfEfficiencyGeV()) / p.trackPtTurnOnWidthGeV()));
    }

    /** Radius of the innermost pixel layer [cm] (Belle II PXD layer 1, 14 mm). */
    public static final double INNERMOST_LAYER_RADIUS_CM = 1.4;

    /**
     * The smallest pT a track is found at: a helix of a smaller diameter than the innermost layer's radius
     * (3.15 MeV in 1.5 T) crosses too few layers. The logistic turn-on alone gave such tracks 0.2% efficiency,
     * and the dip-angle smearing, whose multiple-scattering term grows as 1/(p beta), could then make a few-keV
     * conversion electron a GeV track.
     */
    public static final double MIN_TRACK_PT_GEV = INNERMOST_LAYER_RADIUS_CM / 2 * HelixParameters.ptTimesOmega(FIELD_T);

    /**
     * An upper bound on the invariant mass, in the muon hypothesis, of any four tracks {@link #simulate} can make
     * from a generated event, provided each Gaussian number of the curvature and dip-angle smearing lies within
     * +-{@code sigmas} (the other smearings change no track momentum). Each track's energy is at most that of
     * the largest momentum its smeared curvature and dip angle allow; a photon that can convert in the tracking
     * acceptance may give one or two tracks whose true momenta add up to at most its energy; the four tracks'
     * mass is at most the sum of their energies. An event whose bound is below the selection's M(4mu) window
     * cannot pass it; with sigmas = 10 a Gaussian beyond the bound has probability 1.5e-23 per draw. 0 when the
     * detector cannot make four tracks from the event ({@link #maxTracks} below 4).
     */
    public double maxFourTrackMass(GeneratedEvent g, double sigmas) {
        // best[k]: the largest energy sum of k tracks so far (a knapsack of four track slots)
        double[] best = {0, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (GeneratedParticle particle : g.particles()) {
            int tracks = maxTracks(particle);
            if (tracks == 0) {
                continue;
            }
            FourVector mom = particle.momentum();
            double one;
            double two;
            if (tracks == 2) {
                double[] pair = conversionTrackMomenta(mom, sigmas);
                one = pair[0] + MU;
                two = pair[1] + 2 * MU;
            } else {
                double pMax = maxMeasuredMomentum(mom, sigmas);
                one = Math.sqrt(pMax * pMax + MU * MU);
                two = Double.NEGATIVE_INFINITY;
            }
            for (int k = 4; k >= 1; k--) {
                best[k] = Math.max(best[k], best[k - 1] + one);
                if (k >= 2) {
                    best[k] = Math.max(best[k], best[k - 2] + two);
                }
            }
        }
        return Math.max(best[4], 0.0);
    }

    /**
     * The largest momentum {@link #smearedHelix} can give a charged particle with Gaussians within +-sigmas:
     * the curvature's magnitude at least (1 - sigmas * sigma(pT)/pT) of the truth, |tan lambda| at most its
     * truth plus sigmas of its resolution; infinite where the curvature could come near zero.
     */
    double maxMeasuredMomentum(FourVector mom, double sigmas) {
        double pt = Math.sqrt(mom.px() * mom.px() + mom.py() * mom.py());
        if (pt < MIN_TRACK_PT_GEV) {
            return 0.0;
        }
        double curvatureFraction = 1.0 - sigmas * p.relativePtResolution(pt);
        if (!(curvatureFraction > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        double pTot = mom.p();
        double sinTheta = pt / pTot;
        double beta = pTot / mom.e();
        double tanLambda = Math.abs(mom.pz()) / pt + sigmas * angleResolution(pTot, beta) / (sinTheta * sinTheta);
        return pt / curvatureFraction * Math.sqrt(1 + tanLambda * tanLambda);
    }

    /**
     * Bounds on the measured momenta of the tracks of a photon's conversion ({@link #convert}: e+ and e- along
     * the photon, energies adding up to its energy): {one track, both tracks}. Per track, from
     * {@link #maxMeasuredMomentum}, p_max <= (p + sigmas (c p + s / beta) / sin theta) / (1 - sigmas sigma(pT)/pT)
     * with the angular resolution c (+) s / (p beta) <= c + s / (p beta); sigma(pT)/pT grows with pT, so the
     * photon's pT bounds it, and beta >= that of an electron at {@link #MIN_TRACK_PT_GEV}.
     */
    private double[] conversionTrackMomenta(FourVector photon, double sigmas) {
        double sinTheta = Math.sqrt(photon.px() * photon.px() + photon.py() * photon.py()) / photon.e();
        double curvatureFraction = 1.0 - sigmas * p.relativePtResolution(photon.e() * sinTheta);
        if (!(curvatureFraction > 0)) {
            return new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        }
        double minBeta = MIN_TRACK_PT_GEV / Math.sqrt(MIN_TRACK_PT_GEV * MIN_TRACK_PT_GEV + ME * ME);
        double perTrack = sigmas * p.angleResolutionScatteringRadGeV() / (minBeta * sinTheta);
        double shared = photon.e() * (1 + sigmas * p.angleResolutionConstantRad() / sinTheta);
        return new double[] {(shared + perTrack) / curvatureFraction, (shared + 2 * perTrack) / curvatureFraction};
    }

    private static boolean reachesEcl(FourVector mom) {
        double thetaDeg = Math.toDegrees(mom.theta());
        double radiusCm = Math.hypot(mom.px(), mom.py()) / HelixParameters.ptTimesOmega(FIELD_T);
        // in the barrel the helix must reach the crystal radius; endcap tracks travel along z
        return thetaDeg < 32.2 || thetaDeg > 128.7 || 2.0 * radiusCm > DetectorParameters.ECL_BARREL_RADIUS_CM;
    }

    /** Energy of the ECL cluster a charged particle leaves (0 when it leaves none). */
    private double eclDeposit(int pdg, boolean muonLike, boolean showered, FourVector mom, double outerMomentum,
                              UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss) {
        double thetaDeg = Math.toDegrees(mom.theta());
        if (!reachesEcl(mom)) {
            return 0.0;
        }
        if (pdg == PhysicalConstants.PDG_ELECTRON) {
            if (p.inEclGap(thetaDeg)) {
                return 0.2 * mom.e() * rng.nextDouble(); // leakage into the edge crystals
            }
            return p.inEcl(thetaDeg) ? Math.max(0.0, mom.e() * (p.electronEOverPMean() + p.electronEOverPWidth() * gauss.sample())) : 0.0;
        }
        if (!p.inEcl(thetaDeg)) {
            return 0.0;
        }
        double mass = muonLike ? MU : mom.mass();
        double kinetic = Math.sqrt(outerMomentum * outerMomentum + mass * mass) - mass;
        if (showered) {
            // a hadronic interaction in 0.76 lambda_I of CsI: a random visible fraction of the kinetic energy
            return kinetic * (0.15 + 0.85 * rng.nextDouble());
        }
        return Math.min(mipDeposit(gauss), kinetic);
    }

    /** A MIP deposit: Moyal approximation of the Landau (x = -ln Z^2 for Z ~ N(0,1) is Moyal-distributed). */
    private double mipDeposit(ZigguratSampler.NormalizedGaussian gauss) {
        double z = gauss.sample();
        double moyal = -Math.log(Math.max(z * z, 1e-300));
        // the Moyal mode is at 0: shift so the most probable value is eclMipMostProbableGeV
        return p.eclMipMostProbableGeV() + p.eclMipLandauWidthGeV() * Math.min(moyal, 40.0);
    }

    /** Resolution of phi0 and theta [rad]: a constant (+) multiple scattering ~ 1/(p beta). */
    private double angleResolution(double pTot, double beta) {
        return Math.hypot(p.angleResolutionConstantRad(), p.angleResolutionScatteringRadGeV() / (pTot * beta));
    }

    /** Smeared helix and the covariance of exactly the smearing applied. */
    private HelixParameters smearedHelix(FourVector mom, int charge, double x, double y, double z,
                                         UniformRandomProvider rng, ZigguratSampler.NormalizedGaussian gauss) {
        double[] truth = trueHelix(mom, charge, x, y, z);
        double pTot = mom.p();
        double beta = pTot / mom.e();
        double pt = Math.hypot(mom.px(), mom.py());
        double sinTheta = pt / pTot;
        double[] sigma = new double[HelixParameters.DIMENSION];
        double angle = angleResolution(pTot, beta);
        sigma[HelixParameters.D0] = Math.hypot(p.d0ResolutionConstantCm(),
            p.d0ResolutionScatteringCmGeV() / (pTot * beta * Math.pow(sinTheta, 1.5)));
        sigma[HelixParameters.PHI0] = angle;
        sigma[HelixParameters.OMEGA] = Math.abs(truth[HelixParameters.OMEGA]) * p.relativePtResolution(pt);
        sigma[HelixParameters.Z0] = Math.hypot(p.z0ResolutionConstantCm(),
            p.z0ResolutionScatteringCmGeV() / (pTot * beta * Math.pow(sinTheta, 2.5)));
        sigma[HelixParameters.TAN_LAMBDA] = angle / (sinTheta * sinTheta);
        double[] smeared = new double[HelixParameters.DIMENSION];
        double[] cov = new double[HelixParameters.PACKED_SIZE];
        for (int i = 0; i < HelixParameters.DIMENSION; i++) {
            smeared[i] = truth[i] + sigma[i] * gauss.sample();
            cov[HelixParameters.packedIndex(i, i)] = sigma[i] * sigma[i];
        }
        if (rng.nextDouble() < p.impactTailFraction()) {
            // misreconstructed or beam-induced: outside the Gaussian model the covariance describes
            smeared[HelixParameters.D0] += p.d0TailWidthCm() * gauss.sample();
            smeared[HelixParameters.Z0] += p.z0TailWidthCm() * gauss.sample();
        }
        if (Math.signum(smeared[HelixParameters.OMEGA]) != Math.signum(truth[HelixParameters.OMEGA])) {
            smeared[HelixParameters.OMEGA] = truth[HelixParameters.OMEGA]; // a charge flip needs a >300 sigma fluctuation
        }
        smeared[HelixParameters.PHI0] = Math.IEEEremainder(smeared[HelixParameters.PHI0], 2 * Math.PI);
        return new HelixParameters(smeared[0], smeared[1], smeared[2], smeared[3], smeared[4], cov);
    }

    /**
     * The true helix (d0, phi0, omega, z0, tanLambda) at the point of closest approach to the z axis of a
     * particle produced at (x, y, z). The POCA is at (-d0 sin phi0, d0 cos phi0), as in basf2.
     */
    public static double[] trueHelix(FourVector mom, int charge, double x, double y, double z) {
        double pt = Math.hypot(mom.px(), mom.py());
        double radius = pt / HelixParameters.ptTimesOmega(FIELD_T);
        double phi = Math.atan2(mom.py(), mom.px());
        double tanLambda = mom.pz() / pt;
        // centre of the circle: a positive charge in B along +z turns clockwise
        double cx = x + charge * radius * Math.sin(phi);
        double cy = y - charge * radius * Math.cos(phi);
        double c = Math.hypot(cx, cy);
        double ux = c > 0 ? -cx / c : 0.0;
        double uy = c > 0 ? -cy / c : 0.0;
        double pocaX = cx + radius * ux;
        double pocaY = cy + radius * uy;
        double phi0 = Math.atan2(-charge * ux, charge * uy);
        // turning angle from the production point to the POCA, and the signed transverse arc length
        double startAngle = Math.atan2(y - cy, x - cx);
        double delta = Math.IEEEremainder(Math.atan2(uy, ux) - startAngle, 2 * Math.PI);
        double arc = -charge * radius * delta;
        double d0 = -pocaX * Math.sin(phi0) + pocaY * Math.cos(phi0);
        double omega = charge / radius;
        return new double[] {d0, phi0, omega, z + arc * tanLambda, tanLambda};
    }

    private void photon(FourVector mom, double x, double y, double z, UniformRandomProvider rng,
                        ZigguratSampler.NormalizedGaussian gauss, List<Track> tracks, List<Photon> photons) {
        double sinTheta = Math.sin(mom.theta());
        double materialX0 = p.innerMaterialX0() / Math.max(sinTheta, 0.2);
        if (canConvert(mom) && rng.nextDouble() < 1.0 - Math.exp(-7.0 / 9.0 * materialX0)) {
            convert(mom, x, y, z, rng, gauss, tracks, photons);
            return;
        }
        cluster(mom.e(), mom.theta(), mom.phi(), rng, gauss).ifPresent(photons::add);
    }

    /**
     * Conversion gamma -> e+e- in the inner material: the energy shared with a flat Bethe-Heitler-like
     * fraction, both collinear with the photon, produced at a radius uniform in the material.
     */
    private void convert(FourVector gamma, double x, double y, double z, UniformRandomProvider rng,
                         ZigguratSampler.NormalizedGaussian gauss, List<Track> tracks, List<Photon> photons) {
        double radius = p.conversionRadiusMinCm() + (p.conversionRadiusMaxCm() - p.conversionRadiusMinCm()) * rng.nextDouble();
        double sinTheta = Math.sin(gamma.theta());
        double cx = x + radius * Math.cos(gamma.phi());
        double cy = y + radius * Math.sin(gamma.phi());
        double cz = z + radius * Math.cos(gamma.theta()) / sinTheta;
        double fraction = rng.nextDouble();
        double[] energies = {fraction * gamma.e(), (1 - fraction) * gamma.e()};
        int[] pdg = {PhysicalConstants.PDG_ELECTRON, -PhysicalConstants.PDG_ELECTRON};
        for (int k = 0; k < 2; k++) {
            double e = Math.max(energies[k], 1.0001 * ME);
            FourVector lepton = FourVector.fromPolar(Math.sqrt(e * e - ME * ME), gamma.theta(), gamma.phi(), ME);
            GeneratedParticle daughter = new GeneratedParticle(pdg[k], lepton);
            charged(daughter, cx, cy, cz, rng, gauss, tracks, photons);
        }
    }

    private Optional<Photon> cluster(double energy, double theta, double phi, UniformRandomProvider rng,
                                     ZigguratSampler.NormalizedGaussian gauss) {
        if (!p.inEcl(Math.toDegrees(theta))) {
            return Optional.empty();
        }
        double measured = energy * (1.0 + p.relativePhotonEnergyResolution(energy) * gauss.sample());
        if (measured < p.photonThresholdGeV()) {
            return Optional.empty();
        }
        double sigmaAngle = p.photonAngleResolutionRadSqrtGeV() / Math.sqrt(energy);
        double smearedTheta = Math.min(Math.PI, Math.max(0.0, theta + sigmaAngle * gauss.sample()));
        return Optional.of(new Photon(measured, smearedTheta, Math.IEEEremainder(phi + sigmaAngle * gauss.sample(), 2 * Math.PI)));
    }

    /** Beam-background clusters: a Poisson number with a soft exponential spectrum above threshold, flat in cos(theta). */
    private void beamBackground(UniformRandomProvider rng, List<Photon> photons) {
        if (p.beamBackgroundClustersMean() <= 0) {
            return;
        }
        int n = PoissonSampler.of(rng, p.beamBackgroundClustersMean()).sample();
        double cosMax = Math.cos(Math.toRadians(p.eclForwardMinDeg()));
        double cosMin = Math.cos(Math.toRadians(p.eclBackwardMaxDeg()));
        for (int i = 0; i < n; i++) {
            double energy = p.photonThresholdGeV() - p.beamBackgroundSlopeGeV() * Math.log(1.0 - rng.nextDouble());
            double theta;
            do {
                theta = Math.acos(cosMin + (cosMax - cosMin) * rng.nextDouble());
            } while (!p.inEcl(Math.toDegrees(theta)));
            photons.add(new Photon(energy, theta, 2 * Math.PI * rng.nextDouble() - Math.PI));
        }
    }
}
