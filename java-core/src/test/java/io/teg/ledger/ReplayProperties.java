package io.teg.ledger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayProperties {

    @Property(tries = 500)
    void shouldRebuildIdenticalStateWhenTheJournalIsReplayed(@ForAll long seed,
                                                             @ForAll @IntRange(min = 1, max = 300) int length) {
        LedgerConfig config = Scripts.zone();
        InMemoryJournal journal = new InMemoryJournal();
        LedgerBook book = new LedgerBook(config, journal, (a, r) -> { });
        for (Command c : Scripts.random(seed, length, config.nodes().size())) book.submit(c, null);

        LedgerBook replayed = LedgerBook.replay(config, journal);

        assertThat(replayed.snapshot()).isEqualTo(book.snapshot());
        assertThat(replayed.audit()).isEqualTo(book.audit());
    }

    @Property(tries = 200)
    void shouldAnswerLaterCommandsAlikeWhenAReplayedBookTakesOver(@ForAll long seed) {
        LedgerConfig config = Scripts.zone();
        List<Command> first = Scripts.random(seed, 150, config.nodes().size());
        List<Command> second = Scripts.random(seed + 1, 150, config.nodes().size()).stream()
                .map(c -> shift(c, 1_000L * LedgerFixtures.SECOND)).toList();

        InMemoryJournal journal = new InMemoryJournal();
        LedgerFixtures.Recorder original = new LedgerFixtures.Recorder();
        LedgerBook book = new LedgerBook(config, journal, original);
        for (int i = 0; i < first.size(); i++) book.submit(first.get(i), "first" + i);
        InMemoryJournal copy = new InMemoryJournal();
        journal.forEach(1, copy::append);
        LedgerFixtures.Recorder successor = new LedgerFixtures.Recorder();
        LedgerBook taken = LedgerBook.replay(config, copy, successor);

        for (int i = 0; i < second.size(); i++) {
            book.submit(second.get(i), i);
            taken.submit(second.get(i), i);
        }

        for (int i = 0; i < second.size(); i++) assertThat(successor.byAttachment.get(i)).isEqualTo(original.byAttachment.get(i));
        assertThat(taken.snapshot()).isEqualTo(book.snapshot());
        assertThat(copy.entries()).isEqualTo(journal.entries());
    }

    private static Command shift(Command c, long by) {
        return switch (c) {
            case Bid b -> b.at(b.nowNanos() + by);
            case Expand e -> new Expand(e.leaseId(), e.account(), e.extra(), e.price(), e.basis(), e.durationS(), e.nowNanos() + by);
            case Release r -> new Release(r.leaseId(), r.account(), r.nowNanos() + by);
            case Mint m -> new Mint(m.account(), m.micros(), m.nowNanos() + by);
            case Tick t -> new Tick(t.nowNanos() + by);
            case CloseAuction a -> new CloseAuction(a.nowNanos() + by);
            case NodeCondition n -> new NodeCondition(n.node(), n.thermal(), n.external(), n.demand(), n.nowNanos() + by);
            case UsageReport u -> new UsageReport(u.leaseId(), u.idleUnits(), u.nowNanos() + by);
            case TaxRate t -> new TaxRate(t.microsPerUnitSecond(), t.nowNanos() + by);
            case Inspect i -> new Inspect(i.nowNanos() + by);
        };
    }
}
