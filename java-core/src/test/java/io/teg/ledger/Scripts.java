package io.teg.ledger;

import io.teg.model.NodeSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random command sequences over a small zone: every kind of command, valid and invalid lease ids, clocks that
 * sometimes step back, competing bids in shared windows, evictions, whales, probes.
 */
final class Scripts {

    static final String[] ACCOUNTS = {"a0", "a1", "a2", "a3"};

    private Scripts() {
    }

    /** 8 nodes × 8 GPUs, 512 GiB, windows of 0.5 s or 16 bids, λ = 1e-3/s, C_txn 1,000, γ 50, μ 1, base 10. */
    static LedgerConfig zone() {
        List<NodeSpec> nodes = LedgerFixtures.nodes(8, 512_000, 8);
        return new LedgerConfig(nodes, 8, new MultiplicativePricing(10), 1e-3, 1_000L, 50L, 1.0, 0.05,
                500_000_000L, 16);
    }

    /**
     * {@code length} commands from {@code seed}, ending with a {@link CloseAuction} so no bid is left waiting. While
     * generating, a scratch book on {@link #zone()} runs the script so far, so that releases, expansions and usage
     * reports name an open lease and its owner more than half of the time (and a made-up one otherwise).
     */
    static List<Command> random(long seed, int length, int nodeCount) {
        Random rnd = new Random(seed);
        List<Command> out = new ArrayList<>(length + 1);
        LedgerBook scratch = new LedgerBook(zone(), new InMemoryJournal(), (a, r) -> { });
        long now = 0;
        int bids = 0;
        for (int i = 0; i < length; i++) {
            int step = rnd.nextInt(10);
            now += step < 3 ? 0 : step < 9 ? rnd.nextInt(400_000_000) : -rnd.nextInt(100_000_000);
            String account = ACCOUNTS[rnd.nextInt(ACCOUNTS.length)];
            long leaseId = 1 + rnd.nextInt(bids + 2);
            int kind = rnd.nextInt(100);
            if (kind >= 59 && kind < 93 && scratch.leaseCount() > 0 && rnd.nextInt(10) < 6) {
                List<Lease> open = scratch.snapshot().leases();
                Lease pick = open.get(rnd.nextInt(open.size()));
                leaseId = pick.id();
                account = pick.account();
            }
            Command c;
            if (kind < 14) {
                c = new Mint(account, 1 + rnd.nextInt(2_000_000_000), now);
            } else if (kind < 46) {
                bids++;
                c = new Bid(1000 + i, account, Target.Nodes.of(demand(rnd), candidates(rnd, nodeCount)), price(rnd),
                        rnd.nextInt(4) == 0 ? PriceBasis.PER_LEASE : PriceBasis.PER_UNIT_SECOND, 1 + rnd.nextInt(3600),
                        rnd.nextInt(20) / 2.0, false, now);
                if (((Bid) c).basis() == PriceBasis.PER_LEASE) {
                    Bid b = (Bid) c;
                    c = new Bid(b.jobId(), account, b.target(), b.price() * b.target().units() * b.durationS(),
                            PriceBasis.PER_LEASE, b.durationS(), b.mass(), false, now);
                }
            } else if (kind < 54) {
                bids++;
                int gpus = 1 << rnd.nextInt(7);
                c = new Bid(1000 + i, account, new Target.Block(gpus, rnd.nextInt(4) * 1000, rnd.nextInt(4) * 10_000L),
                        price(rnd), PriceBasis.PER_UNIT_SECOND, 1 + rnd.nextInt(3600), rnd.nextInt(10), false, now);
            } else if (kind < 59) {
                c = new Bid(1000 + i, account, Target.Nodes.of(demand(rnd), candidates(rnd, nodeCount)), price(rnd),
                        PriceBasis.PER_UNIT_SECOND, 1 + rnd.nextInt(3600), 1.0, true, now);
            } else if (kind < 67) {
                c = new Expand(leaseId, account, demand(rnd), price(rnd), PriceBasis.PER_UNIT_SECOND, 1 + rnd.nextInt(600), now);
            } else if (kind < 79) {
                c = new Release(leaseId, account, now);
            } else if (kind < 84) {
                c = new Tick(now);
            } else if (kind < 88) {
                c = new CloseAuction(now);
            } else if (kind < 93) {
                c = new UsageReport(leaseId, rnd.nextInt(9), now);
            } else if (kind < 96) {
                c = new NodeCondition(rnd.nextInt(nodeCount + 1), 0.5 + rnd.nextDouble(), 0.5 + rnd.nextDouble(),
                        0.5 + rnd.nextDouble() * 2, now);
            } else if (kind < 98) {
                c = new TaxRate(rnd.nextInt(200), now);
            } else {
                c = new Inspect(now);
            }
            out.add(c);
            scratch.submit(c, null);
        }
        out.add(new CloseAuction(now));
        return out;
    }

    private static Demand demand(Random rnd) {
        int gpus = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(8);
        int cpu = rnd.nextInt(5) * 4_000;
        long mem = rnd.nextInt(6) * 60_000L;
        if (gpus == 0 && cpu == 0 && mem == 0) cpu = 1_000;
        return new Demand(cpu, mem, gpus);
    }

    private static long price(Random rnd) {
        return rnd.nextInt(8) == 0 ? rnd.nextInt(10) : rnd.nextInt(5_000);
    }

    private static int[] candidates(Random rnd, int nodeCount) {
        int[] c = new int[1 + rnd.nextInt(3)];
        for (int i = 0; i < c.length; i++) c[i] = rnd.nextInt(20) == 0 ? nodeCount + rnd.nextInt(3) : rnd.nextInt(nodeCount);
        return c;
    }
}
