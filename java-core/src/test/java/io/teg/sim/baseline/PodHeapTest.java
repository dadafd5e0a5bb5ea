package io.teg.sim.baseline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PodHeapTest {

    private record Item(int priority, long ts, long seq) {
    }

    private static final Comparator<Item> ORDER = Comparator.comparingInt((Item i) -> -i.priority())
            .thenComparingLong(Item::ts).thenComparingLong(Item::seq);

    @Test
    void shouldPollInTheOrderOfAPriorityQueueWhenAddsAndPollsInterleave() {
        SplittableRandom rnd = new SplittableRandom(7);
        PodHeap<Item> heap = new PodHeap<>();
        PriorityQueue<Item> reference = new PriorityQueue<>(ORDER);
        List<Item> fromHeap = new ArrayList<>();
        List<Item> fromReference = new ArrayList<>();
        long seq = 0;
        for (int step = 0; step < 20_000; step++) {
            if (rnd.nextInt(3) > 0 || reference.isEmpty()) {
                Item it = new Item(rnd.nextInt(-2, 3), rnd.nextLong(0, 50), seq++);
                heap.add(it, it.priority(), it.ts(), it.seq());
                reference.add(it);
            } else {
                assertThat(heap.peek()).isSameAs(reference.peek());
                fromHeap.add(heap.poll());
                fromReference.add(reference.poll());
            }
            assertThat(heap.size()).isEqualTo(reference.size());
        }
        while (!reference.isEmpty()) {
            fromHeap.add(heap.poll());
            fromReference.add(reference.poll());
        }
        assertThat(fromHeap).containsExactlyElementsOf(fromReference);
        assertThat(heap.isEmpty()).isTrue();
        assertThat(heap.poll()).isNull();
    }

    @Test
    void shouldVisitEveryEntryWhenIteratingInAnyOrder() {
        PodHeap<String> heap = new PodHeap<>();
        for (int i = 0; i < 40; i++) heap.add("e" + i, i % 3, 40 - i, i);
        List<String> seen = new ArrayList<>();
        heap.forEach(seen::add);
        assertThat(seen).hasSize(40).doesNotHaveDuplicates();
    }
}
