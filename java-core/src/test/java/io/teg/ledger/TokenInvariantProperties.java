package io.teg.ledger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenInvariantProperties {

    @Property(tries = 1000)
    void shouldKeepMintedMinusBurnedEqualToBalancesAfterEveryCommand(@ForAll long seed,
                                                                     @ForAll @IntRange(min = 1, max = 200) int length) {
        LedgerConfig config = Scripts.zone();
        LedgerFixtures.Recorder recorder = new LedgerFixtures.Recorder();
        LedgerBook book = new LedgerBook(config, new InMemoryJournal(), recorder);
        List<Command> script = Scripts.random(seed, length, config.nodes().size());
        long lastBurned = 0;
        for (int i = 0; i < script.size(); i++) {
            book.submit(script.get(i), i);
            Audit a = book.audit();
            assertThat(a.mintedMicros() - a.burnedMicros())
                    .as("after command %d: %s", i, script.get(i))
                    .isEqualTo(a.balancesMicros() + a.escrowedMicros());
            assertThat(a.escrowedMicros()).isZero();
            assertThat(a.burnedMicros()).isGreaterThanOrEqualTo(lastBurned);
            lastBurned = a.burnedMicros();
            assertThat(book.snapshot().balances().values()).allSatisfy(b -> assertThat(b).isNotNegative());
        }
        assertThat(recorder.byAttachment).hasSize(script.size());
    }

    @Property(tries = 200)
    void shouldBurnExactlyWhatFillsReportWhenNoTickOrReleaseIntervenes(@ForAll long seed) {
        LedgerConfig config = Scripts.zone().withAuctionWindowNanos(0);
        LedgerFixtures.Recorder recorder = new LedgerFixtures.Recorder();
        LedgerBook book = new LedgerBook(config, new InMemoryJournal(), recorder);
        for (String a : Scripts.ACCOUNTS) book.submit(new Mint(a, 2_000_000_000L, 0), a);
        long reported = 0;
        List<Command> bids = Scripts.random(seed, 100, 8).stream()
                .filter(c -> c instanceof Bid || c instanceof Expand).toList();
        for (int i = 0; i < bids.size(); i++) {
            book.submit(bids.get(i), i);
            Result r = recorder.byAttachment.get(i);
            if (r instanceof Fill f) reported += f.tokensBurnedMicros();
        }
        assertThat(book.audit().burnedMicros()).isEqualTo(reported);
    }
}
