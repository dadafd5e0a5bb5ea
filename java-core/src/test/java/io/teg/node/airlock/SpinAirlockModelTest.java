package io.teg.node.airlock;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Promela model of the airlock (src/test/resources/airlock.pml, mirroring {@link Airlock}) checked by spin: {@code spin -a},
 * gcc on pan.c, then the full state space. Safety run: no assertion violated (no OOM, never two running jobs
 * pressing with no headroom) and no invalid end state. Liveness run: the LTL property "done" (every job leaves)
 * with weak fairness, no acceptance cycle. Mutants of the model (a step of the airlock removed) must fail, so the
 * check is shown able to fail.
 */
class SpinAirlockModelTest {

    private static final Path MODEL = Path.of(System.getProperty("teg.airlockModel", "src/test/resources/airlock.pml"));
    private static Path work;

    @BeforeAll
    static void workDir() throws IOException {
        Files.createDirectories(Path.of("target"));
        work = Files.createTempDirectory(Path.of("target"), "spin-airlock");
    }

    /** Runs a command in {@code dir}; returns its exit code and output. */
    private static String run(Path dir, List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("%s finished", argv).isTrue();
        assertThat(p.exitValue()).as("%s exit code; output:%n%s", argv, out).isZero();
        return out;
    }

    /** Builds the verifier for a model text and runs it; returns pan's report. */
    private static String verify(String name, String model, boolean liveness) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name + (liveness ? "-ltl" : "-safety")));
        Files.writeString(dir.resolve("airlock.pml"), model);
        run(dir, List.of("spin", "-a", "airlock.pml"));
        List<String> cc = new ArrayList<>(List.of("gcc", "-O0", "-w", "-o", "pan", "pan.c"));
        if (!liveness) cc.add(2, "-DNOCLAIM");
        run(dir, cc);
        Process p = new ProcessBuilder(liveness ? List.of("./pan", "-a", "-f", "-m200000") : List.of("./pan", "-m200000"))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static String model() throws IOException {
        return Files.readString(MODEL);
    }

    @Test
    void shouldViolateNoAssertionAndReachNoInvalidEndStateWhenTheWholeStateSpaceIsSearched() throws Exception {
        String out = verify("model", model(), false);
        assertThat(out).as(out).contains("errors: 0").contains("invalid end states\t+")
                .doesNotContain("assertion violated").doesNotContain("invalid end state (")
                .doesNotContain("max search depth too small");
        assertThat(statesStored(out)).as("the search covered the model").isGreaterThan(1000);
    }

    @Test
    void shouldLetEveryJobLeaveWhenCheckedUnderWeakFairness() throws Exception {
        String out = verify("model", model(), true);
        assertThat(out).as(out).contains("errors: 0").contains("never claim         \t+ (done)")
                .doesNotContain("acceptance cycle").doesNotContain("max search depth too small");
        assertThat(statesStored(out)).isGreaterThan(1000);
    }

    @Test
    void shouldFindTwoRunningJobsOverTheLimitWhenTheWeakerIsNeverFrozen() throws Exception {
        String mutant = replaceOnce(model(), "frozen[WEAKER] = true;              /* step 1 */", "skip;");
        String out = verify("no-step1", mutant, false);
        assertThat(out).as(out).contains("assertion violated").doesNotContain("errors: 0");
    }

    @Test
    void shouldFindAJobThatNeverLeavesWhenTheWeakerIsNeverEvacuated() throws Exception {
        String mutant = replaceOnce(model(), "evac[0] = evac[0] || listed[0];                          /* step 3 */", "skip;");
        String out = verify("no-step3", mutant, true);
        assertThat(out).as(out).contains("acceptance cycle").doesNotContain("errors: 0");
    }

    private static String replaceOnce(String text, String what, String with) {
        assertThat(text).as("the model still has '%s'", what).contains(what);
        return text.replace(what, with);
    }

    private static long statesStored(String panOutput) {
        for (String line : panOutput.split("\n")) {
            String l = line.trim();
            if (l.endsWith("states, stored") || l.contains("states, stored (")) return Long.parseLong(l.split("\\s+")[0]);
        }
        return -1;
    }
}
