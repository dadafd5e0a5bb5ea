package io.teg.grid;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryBatcherTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final List<TelemetryBatch> sent = new ArrayList<>();
    private final TelemetryBatcher batcher = new TelemetryBatcher("z0", 7, 3, 50_000_000L, now::get, sent::add);

    @Test
    void shouldCloseABatchWhenItIsFull() {
        for (int n = 0; n < 4; n++) batcher.add(n, 0.1f * n, 0.2f, 0.3f, 100f + n, 40f);
        assertThat(sent).hasSize(1);
        TelemetryBatch b = sent.getFirst();
        assertThat(b.nodes()).containsExactly(0, 1, 2);
        assertThat(b.powerW()).containsExactly(100f, 101f, 102f);
        assertThat(b.sequence()).isEqualTo(1);
        assertThat(b.key()).isEqualTo(new ZoneKey("z0", 7));
    }

    @Test
    void shouldCloseABatchAtAPollWhenItsFirstSampleIsAFlushIntervalOld() {
        batcher.add(5, 0.5f, 0.5f, 0.5f, 200f, 50f);
        now.addAndGet(49_999_999L);
        batcher.poll();
        assertThat(sent).isEmpty();
        now.addAndGet(1);
        batcher.poll();
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst().nodes()).containsExactly(5);
        assertThat(sent.getFirst().sampledAtNanos()).isEqualTo(now.get());
    }

    @Test
    void shouldNumberBatchesAndSendNothingWhenEmpty() {
        batcher.flush();
        assertThat(sent).isEmpty();
        batcher.add(1, 0f, 0f, 0f, 0f, 0f);
        batcher.flush();
        batcher.add(2, 0f, 0f, 0f, 0f, 0f);
        batcher.flush();
        assertThat(sent).extracting(TelemetryBatch::sequence).containsExactly(1L, 2L);
    }

    @Test
    void shouldRefuseAnEmptyCapacityWhenBuilt() {
        assertThatThrownBy(() -> new TelemetryBatcher("z0", 1, 0, 1, now::get, b -> { }))
                .hasMessage("capacity must be >= 1, got 0");
    }
}
