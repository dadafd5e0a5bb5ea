package io.teg.grid;

import io.teg.ledger.Bid;
import io.teg.ledger.Command;
import io.teg.ledger.Demand;
import io.teg.ledger.Mint;
import io.teg.ledger.PriceBasis;
import io.teg.ledger.Release;
import io.teg.ledger.Target;
import io.teg.ledger.Tick;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A ledger command on its way over the grid to the member that owns its zone, signed with the site key. The zone host
 * verifies the signature before the command reaches the ledger: an order signed with another key never spends a
 * token. Immutable; a flat record so that its compact schema stays one type for every kind of order.
 *
 * <p>Kinds: {@code BID} (nodes target when {@code blockGpus == 0}, else a whole block), {@code RELEASE}, {@code MINT},
 * {@code TICK}. Fields that a kind does not use are zero, empty or "".
 *
 * @param zone the zone whose ledger takes the order
 * @param sender who sent the order, chosen by the sender and unique to it (an {@link OrderDesk} draws a random UUID);
 *               "" for an order that is not protected against being applied twice
 * @param orderId the sender's number for the order, unique per sender: with {@code sender} it is the order's identity
 *                ({@link #key()}), which the zone host uses to answer a resend with the recorded outcome
 * @param kind BID, RELEASE, MINT or TICK
 * @param jobId the job (BID)
 * @param account the paying or credited account ("" for TICK)
 * @param candidates candidate node indices in preference order (BID on nodes)
 * @param cpuMilli CPU per node, thousandths of a core (BID)
 * @param memMiB memory per node, MiB (BID)
 * @param gpus GPUs per node (BID on nodes)
 * @param blockGpus GPUs of a whole block, 0 for a nodes bid (BID)
 * @param price µtokens per unit-second (BID)
 * @param durationS seconds bought (BID)
 * @param mass the agent's mass (BID)
 * @param leaseId the lease (RELEASE)
 * @param micros µtokens minted (MINT)
 * @param nowNanos the sender's clock, nanoseconds
 * @param signature Ed25519 over {@link #signedBytes()}, 64 bytes
 */
public record SignedOrder(String zone, String sender, long orderId, String kind, long jobId, String account, int[] candidates,
                          int cpuMilli, long memMiB, int gpus, int blockGpus, long price, long durationS, double mass,
                          long leaseId, long micros, long nowNanos, byte[] signature) {

    private static final String LAYOUT = "teg-order/2";

    public SignedOrder {
        if (zone == null || zone.isBlank()) throw new IllegalArgumentException("zone must not be blank");
        if (sender == null) sender = "";
        if (sender.indexOf('#') >= 0) throw new IllegalArgumentException("sender must not contain '#': " + sender);
        if (kind == null || account == null || candidates == null || signature == null)
            throw new IllegalArgumentException("kind, account, candidates and signature are required");
        candidates = candidates.clone();
        signature = signature.clone();
    }

    /** Signs {@code command} for {@code zone} with no sender: the order is not protected against being applied twice. */
    public static SignedOrder sign(String zone, long orderId, Command command, SiteKey key) {
        return sign(zone, "", orderId, command, key);
    }

    /**
     * Signs {@code command} for {@code zone} as order {@code orderId} of {@code sender}. Bids must be priced per
     * unit-second.
     *
     * @throws IllegalArgumentException for a command the grid does not carry
     */
    public static SignedOrder sign(String zone, String sender, long orderId, Command command, SiteKey key) {
        SignedOrder unsigned = switch (command) {
            case Bid b when b.virtual() -> throw new IllegalArgumentException("probes are answered locally, not sent over the grid");
            case Bid b when b.basis() != PriceBasis.PER_UNIT_SECOND ->
                    throw new IllegalArgumentException("grid bids are priced per unit-second");
            case Bid b -> switch (b.target()) {
                case Target.Nodes n -> new SignedOrder(zone, sender, orderId, "BID", b.jobId(), b.account(), n.candidates(),
                        n.demand().cpuMilli(), n.demand().memMiB(), n.demand().gpus(), 0, b.price(), b.durationS(),
                        b.mass(), 0, 0, b.nowNanos(), new byte[0]);
                case Target.Block k -> new SignedOrder(zone, sender, orderId, "BID", b.jobId(), b.account(), new int[0],
                        k.cpuMilliPerNode(), k.memMiBPerNode(), 0, k.gpus(), b.price(), b.durationS(), b.mass(), 0, 0,
                        b.nowNanos(), new byte[0]);
            };
            case Release r -> new SignedOrder(zone, sender, orderId, "RELEASE", 0, r.account(), new int[0], 0, 0, 0, 0, 0, 0, 0,
                    r.leaseId(), 0, r.nowNanos(), new byte[0]);
            case Mint m -> new SignedOrder(zone, sender, orderId, "MINT", 0, m.account(), new int[0], 0, 0, 0, 0, 0, 0, 0, 0,
                    m.micros(), m.nowNanos(), new byte[0]);
            case Tick t -> new SignedOrder(zone, sender, orderId, "TICK", 0, "", new int[0], 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    t.nowNanos(), new byte[0]);
            default -> throw new IllegalArgumentException("the grid does not carry " + command.getClass().getSimpleName());
        };
        return unsigned.withSignature(key.sign(unsigned.signedBytes()));
    }

    /** This order with another signature (what a forger would send). */
    public SignedOrder withSignature(byte[] sig) {
        return new SignedOrder(zone, sender, orderId, kind, jobId, account, candidates, cpuMilli, memMiB, gpus, blockGpus, price,
                durationS, mass, leaseId, micros, nowNanos, sig);
    }

    /**
     * The order's identity, {@code sender#orderId}, or "" when it has no sender. Two orders with the same key are the
     * same order sent again.
     */
    public String key() {
        return sender.isEmpty() ? "" : sender + "#" + orderId;
    }

    /** True when {@code key} verifies the signature. */
    public boolean verifiedBy(SiteKey key) {
        return key.verifies(signedBytes(), signature);
    }

    /**
     * The ledger command this order carries.
     *
     * @throws IllegalArgumentException when the fields do not make a valid command
     */
    public Command command() {
        return switch (kind) {
            case "BID" -> Bid.perUnitSecond(jobId, account, blockGpus > 0
                            ? new Target.Block(blockGpus, cpuMilli, memMiB)
                            : new Target.Nodes(candidates, Demand.of(cpuMilli, memMiB, gpus)),
                    price, durationS, mass, nowNanos);
            case "RELEASE" -> new Release(leaseId, account, nowNanos);
            case "MINT" -> new Mint(account, micros, nowNanos);
            case "TICK" -> new Tick(nowNanos);
            default -> throw new IllegalArgumentException("unknown order kind '" + kind + "'");
        };
    }

    /** The bytes the signature covers: every field but the signature, in a fixed big-endian layout. */
    public byte[] signedBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(LAYOUT);
            out.writeUTF(zone);
            out.writeUTF(sender);
            out.writeLong(orderId);
            out.writeUTF(kind);
            out.writeLong(jobId);
            out.writeUTF(account);
            out.writeInt(candidates.length);
            for (int c : candidates) out.writeInt(c);
            out.writeInt(cpuMilli);
            out.writeLong(memMiB);
            out.writeInt(gpus);
            out.writeInt(blockGpus);
            out.writeLong(price);
            out.writeLong(durationS);
            out.writeDouble(mass);
            out.writeLong(leaseId);
            out.writeLong(micros);
            out.writeLong(nowNanos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override public int[] candidates() { return candidates.clone(); }
    @Override public byte[] signature() { return signature.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedOrder s && Arrays.equals(signedBytes(), s.signedBytes()) && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signedBytes());
    }

    @Override
    public String toString() {
        return "SignedOrder[" + kind + " zone=" + zone + " id=" + (sender.isEmpty() ? "" : sender + "#") + orderId + " account=" + account + "]";
    }
}
