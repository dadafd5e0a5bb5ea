package io.teg.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TokenPolicyTest {

    private final TokenPolicy policy = new TokenPolicy(1000, Math.log(2) / 86_400);

    @Test
    void shouldMintExactlyInProportionWhenSharesDivideTheBudget() {
        MintPlan plan = policy.mint(600, Map.of("a", 1L, "b", 2L, "c", 3L), 60);

        assertThat(plan.budgetMicroTokens()).isEqualTo(600_000);
        assertThat(plan.mints()).extracting(AccountMint::microTokens).containsExactly(100_000L, 200_000L, 300_000L);
    }

    @Test
    void shouldGiveLeftoversToTheLargestRemainders() {
        // 7 micro-tokens over weights 2:3:5 → quotas 1.4, 2.1, 3.5 → 1, 2, 3 and the leftover to c (0.5).
        TokenPolicy oneMicroPerJoule = new TokenPolicy(1, 0);

        MintPlan plan = oneMicroPerJoule.mint(7, Map.of("a", 2L, "b", 3L, "c", 5L), 60);

        assertThat(plan.mints()).extracting(AccountMint::microTokens).containsExactly(1L, 2L, 4L);
        assertThat(plan.mintedMicroTokens()).isEqualTo(7);
    }

    @Test
    void shouldBreakEqualRemaindersByAccountName() {
        TokenPolicy oneMicroPerJoule = new TokenPolicy(1, 0);
        Map<String, Long> shares = new LinkedHashMap<>();
        shares.put("carol", 1L);
        shares.put("alice", 1L);
        shares.put("bob", 1L);

        MintPlan plan = oneMicroPerJoule.mint(10, shares, 60);

        assertThat(plan.mints()).extracting(AccountMint::account).containsExactly("alice", "bob", "carol");
        assertThat(plan.mints()).extracting(AccountMint::microTokens).containsExactly(4L, 3L, 3L);
    }

    @Test
    void shouldMintNothingWhenNoAccountHoldsAShare() {
        MintPlan plan = policy.mint(600, Map.of("a", 0L), 60);

        assertThat(plan.mintedMicroTokens()).isZero();
        assertThat(plan.unmintedMicroTokens()).isEqualTo(600_000);
        assertThat(policy.mint(600, Map.of(), 60).mints()).isEmpty();
    }

    @Test
    void shouldEvaporateHalfAWalletOverOneHalfLife() {
        assertThat(policy.evaporationFraction(86_400)).isCloseTo(0.5, within(1e-15));
        assertThat(policy.evaporatedMicroTokens(1_000_000, 86_400)).isBetween(499_999L, 500_000L);
    }

    @Test
    void shouldEvaporateOneMinusExpOfMinusLambdaDtPerEpoch() {
        TokenPolicy fast = new TokenPolicy(1000, 0.01);

        assertThat(fast.evaporationFraction(60)).isCloseTo(1 - Math.exp(-0.6), within(1e-15));
        assertThat(fast.evaporatedMicroTokens(1_000_000_000L, 60)).isEqualTo((long) Math.floor(1e9 * (1 - Math.exp(-0.6))));
        assertThat(new TokenPolicy(1000, 0).evaporationFraction(60)).isZero();
    }

    @Test
    void shouldCarryTheEpochsEvaporationInThePlan() {
        assertThat(policy.mint(1, Map.of("a", 1L), 3600).evaporationFraction())
                .isCloseTo(-Math.expm1(-Math.log(2) / 24), within(1e-15));
    }

    @Test
    void shouldNameTheKeyAndRangeWhenAParameterIsInvalid() {
        assertThatThrownBy(() -> new TokenPolicy(0, 0.1)).hasMessage("governor.microTokensPerJoule must be in [1, 1000000], got 0");
        assertThatThrownBy(() -> new TokenPolicy(10, -0.1)).hasMessage("governor.evaporationRatePerSecond must be in [0, 1], got -0.1");
    }

    @Test
    void shouldRefuseABudgetThatOverflows() {
        assertThatThrownBy(() -> policy.budgetMicroTokens(Long.MAX_VALUE / 10)).hasMessageContaining("overflows");
    }

    @Property(tries = 500)
    void mintShouldSumToTheBudgetAndGiveEachAccountTheFloorOrCeilingOfItsQuota(
            @ForAll @Size(min = 1, max = 30) List<@LongRange(min = 0, max = 1_000_000_000_000L) Long> weights,
            @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long energyJoules) {
        Map<String, Long> shares = new LinkedHashMap<>();
        for (int i = 0; i < weights.size(); i++) shares.put("acct-" + i, weights.get(i));
        BigInteger total = weights.stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);

        MintPlan plan = policy.mint(energyJoules, shares, 60);

        long budget = energyJoules * 1000;
        assertThat(plan.mintedMicroTokens()).isEqualTo(total.signum() > 0 ? budget : 0);
        for (AccountMint mint : plan.mints()) {
            if (total.signum() == 0) {
                assertThat(mint.microTokens()).isZero();
                continue;
            }
            BigInteger[] quota = BigInteger.valueOf(budget).multiply(BigInteger.valueOf(mint.shareWeight())).divideAndRemainder(total);
            long floor = quota[0].longValueExact();
            long ceiling = floor + (quota[1].signum() > 0 ? 1 : 0);
            assertThat(mint.microTokens()).isBetween(floor, ceiling);
        }
    }
}
