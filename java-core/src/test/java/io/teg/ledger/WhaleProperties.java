package io.teg.ledger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WhaleProperties {

    @Property(tries = 500)
    void shouldGiveAWhaleAContiguousAlignedBlockOrAReject(@ForAll long seed,
                                                          @ForAll @IntRange(min = 0, max = 200) int length,
                                                          @ForAll @IntRange(min = 0, max = 6) int log2Gpus) {
        LedgerConfig config = Scripts.zone().withAuctionWindowNanos(0);
        LedgerFixtures.Recorder recorder = new LedgerFixtures.Recorder();
        LedgerBook book = new LedgerBook(config, new InMemoryJournal(), recorder);
        List<Command> script = Scripts.random(seed, length, 8);
        for (int i = 0; i < script.size(); i++) book.submit(script.get(i), i);
        book.submit(new Mint("whale", 1_000_000_000_000L, 0), "mint");
        List<LedgerSnapshot.NodeState> before = book.snapshot().nodes();
        int size = 1 << log2Gpus;

        book.submit(Bid.perUnitSecond(7, "whale", new Target.Block(size, 1_000, 1_024), 1_000_000, 1, 100, 0), "whale");

        Result r = recorder.byAttachment.get("whale");
        int expectedFirst = leftmostFreeBlock(before, size);
        if (r instanceof Fill f) {
            int firstSlot = f.firstNode() * 8 + Long.numberOfTrailingZeros(f.gpuMask());
            assertThat(firstSlot % size).as("aligned").isZero();
            assertThat(f.nodeCount() * Long.bitCount(f.gpuMask())).as("exactly the block").isEqualTo(size);
            if (size >= 8) assertThat(f.gpuMask()).isEqualTo(0xFFL);
            else assertThat(f.gpuMask()).isEqualTo(((1L << size) - 1) << (firstSlot % 8));
            for (int n = f.firstNode(); n < f.firstNode() + f.nodeCount(); n++)
                assertThat(before.get(n).usedGpuMask() & f.gpuMask()).as("was free on node %d", n).isZero();
            assertThat(firstSlot).isEqualTo(expectedFirst);
        } else {
            Reject j = (Reject) r;
            if (expectedFirst < 0) {
                assertThat(j.reason()).isEqualTo(Reject.Reason.NO_BLOCK);
                assertThat(j.available()).isLessThan(size);
            } else {
                assertThat(j.reason()).isIn(EnumSet.of(Reject.Reason.NO_CPU, Reject.Reason.PAST_C_MAX, Reject.Reason.BELOW_RESERVE));
            }
        }
        assertThat(book.audit().balanced()).isTrue();
    }

    private static int leftmostFreeBlock(List<LedgerSnapshot.NodeState> nodes, int size) {
        int slots = nodes.size() * 8;
        for (int first = 0; first + size <= slots; first += size) {
            boolean free = true;
            for (int s = first; s < first + size && free; s++) free = (nodes.get(s / 8).usedGpuMask() & (1L << (s % 8))) == 0;
            if (free) return first;
        }
        return -1;
    }
}
