package io.teg.ledger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeProperties {

    @Property(tries = 300)
    void shouldChangeNothingWhenVirtualBidsAreProbed(@ForAll long seed, @ForAll @IntRange(min = 0, max = 150) int length) {
        LedgerConfig config = Scripts.zone();
        InMemoryJournal journal = new InMemoryJournal();
        LedgerFixtures.Recorder recorder = new LedgerFixtures.Recorder();
        LedgerBook book = new LedgerBook(config, journal, recorder);
        List<Command> script = Scripts.random(seed, length, config.nodes().size());
        for (int i = 0; i < script.size() - 1; i++) book.submit(script.get(i), i);
        LedgerSnapshot before = book.snapshot();
        long entries = journal.lastSequence();
        int pending = book.pendingBids();
        long[] named = new long[8];
        for (int n = 0; n < 8; n++) named[n] = book.bidsNaming(n);

        List<Command> probes = Scripts.random(seed ^ 0x5EED, 60, config.nodes().size()).stream()
                .filter(c -> c instanceof Bid).map(c -> (Command) ((Bid) c).asProbe().at(Long.MAX_VALUE / 2)).toList();
        for (int i = 0; i < probes.size(); i++) {
            book.submit(probes.get(i), "probe" + i);
            assertThat(recorder.byAttachment.get("probe" + i)).isInstanceOfAny(Quote.class, Reject.class);
        }

        assertThat(book.snapshot()).isEqualTo(before);
        assertThat(journal.lastSequence()).isEqualTo(entries);
        assertThat(book.pendingBids()).isEqualTo(pending);
        for (int n = 0; n < 8; n++) assertThat(book.bidsNaming(n)).isEqualTo(named[n]);
    }

    @Property(tries = 300)
    void shouldPredictALoneRealBidWhenItEvictsNobody(@ForAll long seed) {
        LedgerConfig config = Scripts.zone().withAuctionWindowNanos(0);
        LedgerFixtures.Recorder recorder = new LedgerFixtures.Recorder();
        LedgerBook book = new LedgerBook(config, new InMemoryJournal(), recorder);
        List<Command> history = Scripts.random(seed, 120, 8);
        for (int i = 0; i < history.size(); i++) book.submit(history.get(i), "history" + i);
        Random rnd = new Random(seed);
        List<Command> asks = Scripts.random(rnd.nextLong(), 60, 8);
        int compared = 0;
        for (int i = 0; i < asks.size(); i++) {
            if (!(asks.get(i) instanceof Bid ask)) continue;
            Bid bid = new Bid(ask.jobId(), ask.account(), ask.target(), ask.price(), ask.basis(), ask.durationS(),
                    ask.mass(), false, ask.nowNanos());
            book.submit(bid.asProbe(), "probe" + i);
            book.submit(bid, "real" + i);
            Result quote = recorder.byAttachment.get("probe" + i);
            Result real = recorder.byAttachment.get("real" + i);
            if (real instanceof Fill f && f.evictedLeaseId() != Lease.NONE) {
                if (quote instanceof Quote q)
                    assertThat(q.firstNode()).as("a probe never counts on evicting anyone").isNotEqualTo(f.firstNode());
            } else if (quote instanceof Quote q) {
                assertThat(real).isInstanceOf(Fill.class);
                Fill f = (Fill) real;
                assertThat(f.firstNode()).isEqualTo(q.firstNode());
                assertThat(f.nodeCount()).isEqualTo(q.nodeCount());
                assertThat(f.clearingRateMicros()).isEqualTo(q.reserveRateMicros());
                assertThat(f.pricePaidMicros()).isEqualTo(q.priceMicros());
            } else {
                assertThat(real).isEqualTo(quote);
            }
            compared++;
        }
        assertThat(compared).isPositive();
    }
}
