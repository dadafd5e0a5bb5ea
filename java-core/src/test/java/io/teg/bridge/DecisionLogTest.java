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
}
