package io.teg.ledger;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.teg.ledger.LedgerFixtures.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZoneLedgerTest {

    private static RingOptions smallRing() {
        return new RingOptions(1 << 8, ProducerType.MULTI, new BlockingWaitStrategy(), r -> {
            Thread t = new Thread(r, "teg-ledger-test");
            t.setDaemon(true);
            return t;
        });
    }

    @Test
    void shouldGiveTheSameResultsAsTheSynchronousBookWhenFedTheSameSequence() {
        LedgerConfig config = Scripts.zone();
        List<Command> script = Scripts.random(20_250_101L, 3_000, config.nodes().size());
        LedgerFixtures.Recorder recorder = new LedgerFixtures.Recorder();
        InMemoryJournal syncJournal = new InMemoryJournal();
        LedgerBook book = new LedgerBook(config, syncJournal, recorder);
        for (int i = 0; i < script.size(); i++) book.submit(script.get(i), i);

        InMemoryJournal ringJournal = new InMemoryJournal();
        List<CompletableFuture<Result>> futures = new ArrayList<>();
        Inspection inspection;
        try (ZoneLedger zone = ZoneLedger.start(config, ringJournal, smallRing())) {
            for (Command c : script) futures.add(zone.submit(c));
            inspection = (Inspection) zone.submit(new Inspect(0)).join();
        }

        for (int i = 0; i < script.size(); i++)
            assertThat(futures.get(i).join()).as("result of command %d", i).isEqualTo(recorder.byAttachment.get(i));
        assertThat(inspection.snapshot()).isEqualTo(book.snapshot());
        assertThat(ringJournal.entries()).isEqualTo(syncJournal.entries());
        assertThat(recorder.inOrder).hasAtLeastOneElementOfType(Fill.class).hasAtLeastOneElementOfType(Reject.class);
    }

    @Test
    void shouldCompleteABidWhenItsAuctionWindowClears() {
        LedgerConfig config = LedgerFixtures.quietZone(1, 1).withAuctionWindowNanos(SECOND);
        try (ZoneLedger zone = ZoneLedger.start(config, new InMemoryJournal(), smallRing())) {
            zone.submit(new Mint("a", 1_000, 0)).join();
            CompletableFuture<Result> bid = zone.submit(LedgerFixtures.nodeBid(1, "a", Demand.of(0, 0, 1), 5, 1, 0, 0, 0));
            zone.submit(new Inspect(0)).join();
            assertThat(bid).isNotDone();

            zone.submit(new CloseAuction(SECOND / 2)).join();

            assertThat(bid.join()).isInstanceOf(Fill.class);
        }
    }

    @Test
    void shouldCancelWaitingBidsWhenClosedBeforeTheirWindowClears() {
        LedgerConfig config = LedgerFixtures.quietZone(1, 1).withAuctionWindowNanos(SECOND);
        ZoneLedger zone = ZoneLedger.start(config, new InMemoryJournal(), smallRing());
        zone.submit(new Mint("a", 1_000, 0)).join();
        CompletableFuture<Result> bid = zone.submit(LedgerFixtures.nodeBid(1, "a", Demand.of(0, 0, 1), 5, 1, 0, 0, 0));

        zone.close();

        assertThatThrownBy(bid::join).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> zone.submit(new Tick(0)).join()).isInstanceOf(CompletionException.class);
    }

    @Test
    void shouldReplayTheJournalWhenAZoneStartsOnOneThatHoldsEntries() {
        LedgerConfig config = Scripts.zone();
        InMemoryJournal journal = new InMemoryJournal();
        LedgerSnapshot before;
        try (ZoneLedger zone = ZoneLedger.start(config, journal, smallRing())) {
            for (Command c : Scripts.random(77L, 500, config.nodes().size())) zone.publish(c);
            before = ((Inspection) zone.submit(new Inspect(0)).join()).snapshot();
        }

        try (ZoneLedger successor = ZoneLedger.start(config, journal, smallRing())) {
            LedgerSnapshot after = ((Inspection) successor.submit(new Inspect(0)).join()).snapshot();
            assertThat(after).isEqualTo(before);
            assertThat(successor.submit(new Mint("a0", 1, Long.MAX_VALUE / 4)).join()).isInstanceOf(Credited.class);
        }
        assertThat(journal.lastSequence()).isEqualTo(before.lastSequence() + 1);
    }

    @Test
    void shouldKeepTheTokenBooksExactWhenManyThreadsPublishAtOnce() throws InterruptedException {
        LedgerConfig config = Scripts.zone().withAuctionWindowNanos(0);
        int threads = 4;
        int perThread = 5_000;
        try (ZoneLedger zone = ZoneLedger.start(config, new InMemoryJournal(), smallRing())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String account = "p" + t;
                Thread p = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        zone.publish(new Mint(account, 1_000, i));
                        zone.publish(LedgerFixtures.nodeBid(i, account, Demand.of(0, 0, 1), 20, 1, 0, i, i % 8));
                        zone.publish(new Release(1 + i, account, i));
                    }
                });
                p.start();
                producers.add(p);
            }
            start.countDown();
            for (Thread p : producers) p.join(TimeUnit.SECONDS.toMillis(60));
            LedgerSnapshot s = ((Inspection) zone.submit(new Inspect(0)).join()).snapshot();

            assertThat(s.mintedMicros()).isEqualTo((long) threads * perThread * 1_000);
            assertThat(s.audit().balanced()).isTrue();
            assertThat(zone.failure()).isNull();
        }
    }

    @Test
    void shouldHaltAndFailEveryLaterCommandWhenTheBookBreaksAnInvariant() {
        LedgerConfig config = LedgerFixtures.quietZone(1, 1).withPricing((node, demand) -> -1);
        try (ZoneLedger zone = ZoneLedger.start(config, new InMemoryJournal(), smallRing())) {
            zone.submit(new Mint("a", 1_000, 0)).join();

            CompletableFuture<Result> bid = zone.submit(LedgerFixtures.nodeBid(1, "a", Demand.of(0, 0, 1), 5, 1, 0, 0, 0));
            CompletableFuture<Result> later = zone.submit(new Mint("a", 1, 0));

            assertThatThrownBy(bid::join).hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("negative reserve");
            assertThatThrownBy(later::join).hasMessageContaining("halted");
            assertThat(zone.failure()).isInstanceOf(IllegalStateException.class);
        }
    }
}
