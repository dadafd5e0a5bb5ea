package io.teg.ledger;

import io.teg.model.NodeSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dominant-strategy truthfulness of the window auction, checked by enumeration through the real {@link LedgerBook}:
 * one node with one GPU, every bidder wants exactly that GPU for one second (unit demand), reserve 3 µtokens per
 * unit-second. For every value of bidder 0, every bid of the others and every arrival position, no bid of bidder 0
 * earns more than bidding its value.
 */
class VickreyTruthfulnessTest {

    private static final long FUNDS = 1_000;
    private static final long RESERVE = 3;

    private static LedgerConfig oneSlot() {
        return new LedgerConfig(List.of(new NodeSpec("slot", 1_000, 1_024, 1, "H100", 0)), 1,
                new MultiplicativePricing(RESERVE), 0, 0, 0, 1.0, 0.05, 1_000_000_000L, 8);
    }

    /** Bidder 0's utility when it bids {@code own} and the others bid {@code others}, bidder 0 arriving at {@code position}. */
    private static long utility(long value, long own, long[] others, int position) {
        LedgerFixtures.Recorder recorder = new LedgerFixtures.Recorder();
        LedgerBook book = new LedgerBook(oneSlot(), new InMemoryJournal(), recorder);
        int bidders = others.length + 1;
        for (int i = 0; i < bidders; i++) book.submit(new Mint("b" + i, FUNDS, 0), "mint" + i);
        int other = 0;
        for (int slot = 0; slot < bidders; slot++) {
            int bidder = slot == position ? 0 : ++other;
            long bid = bidder == 0 ? own : others[bidder - 1];
            book.submit(Bid.perUnitSecond(bidder, "b" + bidder, Target.Nodes.of(Demand.of(0, 0, 1), 0), bid, 1, 0, 0), bidder);
        }
        book.submit(new CloseAuction(1), "close");
        assertThat(book.audit().balanced()).isTrue();
        Result r = recorder.byAttachment.get(0);
        if (!(r instanceof Fill f)) return 0;
        long paid = FUNDS - book.balance("b0");
        assertThat(paid).isEqualTo(f.pricePaidMicros()).isLessThanOrEqualTo(own);
        return value - paid;
    }

    @Test
    void shouldNeverPayToDeviateFromTheTrueValueWhenTwoBiddersCompete() {
        int cases = 0;
        for (long value = 0; value <= 10; value++) {
            for (long b1 = 0; b1 <= 12; b1++) {
                for (int position = 0; position < 2; position++) {
                    long truthful = utility(value, value, new long[] {b1}, position);
                    for (long deviation = 0; deviation <= 12; deviation++) {
                        long deviating = utility(value, deviation, new long[] {b1}, position);
                        assertThat(truthful)
                                .as("value %d, other bids %d, position %d, deviation %d", value, b1, position, deviation)
                                .isGreaterThanOrEqualTo(deviating);
                        cases++;
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(11 * 13 * 2 * 13);
    }

    @Test
    void shouldNeverPayToDeviateFromTheTrueValueWhenThreeBiddersCompete() {
        int cases = 0;
        for (long value = 0; value <= 8; value++) {
            for (long b1 = 0; b1 <= 9; b1++) {
                for (long b2 = 0; b2 <= 9; b2++) {
                    for (int position = 0; position < 3; position++) {
                        long[] others = {b1, b2};
                        long truthful = utility(value, value, others, position);
                        for (long deviation = 0; deviation <= 9; deviation++) {
                            assertThat(truthful)
                                    .as("value %d, others %d %d, position %d, deviation %d", value, b1, b2, position, deviation)
                                    .isGreaterThanOrEqualTo(utility(value, deviation, others, position));
                            cases++;
                        }
                    }
                }
            }
        }
        assertThat(cases).isEqualTo(9 * 10 * 10 * 3 * 10);
    }

    @Test
    void shouldAwardTheSlotToTheHighestBidAtTheSecondPriceWhenBidsDiffer() {
        assertThat(utility(9, 9, new long[] {7, 5}, 2)).isEqualTo(9 - 7);
        assertThat(utility(9, 9, new long[] {2}, 0)).isEqualTo(9 - RESERVE);
        assertThat(utility(6, 6, new long[] {7, 5}, 0)).isZero();
    }
}
