package io.teg.ledger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

class EvictionProperties {

    @Property(tries = 1000)
    void shouldEvictExactlyWhenTheBidDifferenceExceedsMuTimesMass(@ForAll @IntRange(min = 0, max = 10) int twiceMu,
                                                                  @ForAll @IntRange(min = 0, max = 20) int mass,
                                                                  @ForAll @IntRange(min = 1, max = 50) int base,
                                                                  @ForAll @IntRange(min = -2, max = 2) int offset) {
        double mu = twiceMu / 2.0;
        LedgerFixtures.Harness h = new LedgerFixtures.Harness(LedgerFixtures.quietZone(1, base).withEvictionFriction(mu));
        h.apply(new Mint("old", 1_000_000_000, 0));
        h.apply(new Mint("new", 1_000_000_000, 0));
        Demand whole = Demand.of(1_000, 0, 8);
        Fill incumbent = h.fill(LedgerFixtures.nodeBid(1, "old", whole, base, 10, mass, 0, 0));
        long pLocal = incumbent.clearingRateMicros();
        long challenge = Math.max(0, pLocal + (long) Math.floor(mu * mass) + offset);

        Result r = h.apply(LedgerFixtures.nodeBid(2, "new", whole, challenge, 10, 0, 1, 0));

        boolean shouldEvict = challenge - pLocal > mu * mass;
        if (shouldEvict) {
            assertThat(r).isInstanceOf(Fill.class);
            assertThat(((Fill) r).evictedLeaseId()).isEqualTo(incumbent.leaseId());
            assertThat(h.book.lease(incumbent.leaseId())).isNull();
        } else {
            assertThat(r).isInstanceOf(Reject.class);
            assertThat(h.book.lease(incumbent.leaseId())).isNotNull();
            assertThat(h.journal.entries()).noneMatch(e -> e instanceof JournalEntry.Evicted);
        }
        assertThat(h.book.audit().balanced()).isTrue();
    }
}
