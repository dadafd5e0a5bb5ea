package io.teg.bridge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionLogTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteToANewFileWhenTheOldOneWasMovedAway() throws Exception {
        AtomicLong clock = new AtomicLong();
        Path file = dir.resolve("teg-decisions.log");
        DecisionLog log = DecisionLog.open(file, clock::get);
        log.line("before");
        Files.move(file, dir.resolve("teg-decisions.log.1"));

        clock.addAndGet(DecisionLog.REOPEN_CHECK_NANOS);
        log.line("after");

        assertThat(Files.readAllLines(dir.resolve("teg-decisions.log.1"))).containsExactly("before");
        assertThat(Files.readAllLines(file)).containsExactly("after");
    }

    @Test
    void shouldKeepWritingTheSameFileWhenNothingRotated() throws Exception {
        AtomicLong clock = new AtomicLong();
        Path file = dir.resolve("d.log");
        DecisionLog log = DecisionLog.open(file, clock::get);

        log.line("one");
        clock.addAndGet(DecisionLog.REOPEN_CHECK_NANOS);
        log.line("two");

        assertThat(Files.readAllLines(file)).containsExactly("one", "two");
    }

    @Test
    void shouldBuildADeferredLineOnlyAtTheDrainWhenKeptForLater() throws Exception {
        Path file = dir.resolve("d.log");
        DecisionLog log = DecisionLog.open(file);
        AtomicLong built = new AtomicLong();

        log.later(() -> "decision job=" + built.incrementAndGet());
        long builtBeforeDrain = built.get();
        String fileBeforeDrain = Files.readString(file);
        log.drain();

        assertThat(builtBeforeDrain).isZero();
        assertThat(fileBeforeDrain).isEmpty();
        assertThat(Files.readAllLines(file)).containsExactly("decision job=1");
        assertThat(log.deferredLines()).isZero();
    }

    @Test
    void shouldKeepTheOrderOfTheCallsWhenALineFollowsDeferredOnes() throws Exception {
        Path file = dir.resolve("d.log");
        DecisionLog log = DecisionLog.open(file);

        log.later(() -> "decision job=1");
        log.later(() -> "decision job=2");
        log.line("outcome job=1 used");
        log.later(() -> "decision job=3");
        log.close();

        assertThat(Files.readAllLines(file)).containsExactly("decision job=1", "decision job=2",
                "outcome job=1 used", "decision job=3");
    }

    @Test
    void shouldDrainByItselfWhenMoreThanTheBoundAreDeferred() throws Exception {
        Path file = dir.resolve("d.log");
        DecisionLog log = DecisionLog.open(file);

        for (int i = 0; i <= DecisionLog.MAX_DEFERRED; i++) {
            int n = i;
            log.later(() -> "decision job=" + n);
        }

        assertThat(log.deferredLines()).isZero();
        assertThat(Files.readAllLines(file)).hasSize(DecisionLog.MAX_DEFERRED + 1).endsWith(
                "decision job=" + DecisionLog.MAX_DEFERRED);
    }

    @Test
    void shouldWriteAnErrorLineAndGoOnWhenADeferredLineThrows() throws Exception {
        Path file = dir.resolve("d.log");
        DecisionLog log = DecisionLog.open(file);

        log.later(() -> {
            throw new IllegalStateException("broken recipe");
        });
        log.later(() -> "decision job=2");
        log.drain();

        assertThat(Files.readAllLines(file)).hasSize(2).last().isEqualTo("decision job=2");
        assertThat(Files.readAllLines(file).getFirst()).startsWith("error where=decision-log").contains("broken recipe");
    }
}
