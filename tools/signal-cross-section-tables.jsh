// Writes the per-unit-coupling signal tables sigma(e+e- -> mu+mu- X) x B(X -> mu+mu-) / g^2 that
// `fourmu scan` uses for coupling limits (physics/src/main/resources/org/fourmu/physics/models/).
// Same generator settings as `fourmu validate simulation` (four-muon matrix element, ISR and beam
// energy spread, sqrt(s') > 9 GeV, g = 0.01 narrow width), on a denser mass grid that reaches the
// dimuon threshold, where B(Z' -> mu mu) falls to zero, and around the tau-pair threshold (3.554 GeV), where it
// drops from 1/2 towards 1/3. Run from the repository root after a build:
//   jshell --class-path "$(ls app/target/fourmu-app-*.jar):$(ls app/target/lib/*.jar | tr '\n' ':')" tools/signal-cross-section-tables.jsh
import java.nio.file.*;
import org.fourmu.simulation.generator.*;

double[] masses = {0.212, 0.2125, 0.215, 0.22, 0.23, 0.25, 0.3, 0.4, 0.5, 0.65, 0.8, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 3.55, 3.6, 3.7, 3.85,
    4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0};
GeneratorSettings settings = GeneratorSettings.of(GeneratorCuts.FOUR_MUON_DEFAULT, 20240601L).withPresamples(2000);
Path dir = Path.of("physics/src/main/resources/org/fourmu/physics/models");
Files.createDirectories(dir);
for (String model : new String[] {"zprime", "scalar"}) {
    var table = SignalCrossSections.table(model, masses, settings, 40_000);
    Files.writeString(dir.resolve("sigma-per-unit-coupling-" + model + ".csv"), table.toCsv());
    System.out.println(model + ":\n" + table.toCsv());
}
/exit
