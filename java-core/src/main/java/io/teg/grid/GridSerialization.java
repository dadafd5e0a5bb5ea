package io.teg.grid;

import com.hazelcast.config.CompactSerializationConfig;
import com.hazelcast.config.SerializationConfig;
import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.teg.field.FieldSnapshot;
import io.teg.field.Hyperparameters;
import io.teg.ledger.Demand;
import io.teg.ledger.JournalEntry;
import io.teg.ledger.Lease;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Compact serializers for every type TEG puts on the grid: field snapshots, telemetry batches, journal entries,
 * leases, wallet balances, orders and their outcomes, the governor lease, the entry processors and tasks. Every member
 * and every client registers the same set ({@link #register}); type names are {@code teg.<Type>} and field names are
 * the Java component names, so Management Center's SQL browser shows them as they are in the code.
 */
public final class GridSerialization {

    private GridSerialization() {
    }

    /** Adds every TEG serializer to {@code config}. */
    public static void register(SerializationConfig config) {
        CompactSerializationConfig compact = config.getCompactSerializationConfig();
        for (CompactSerializer<?> s : serializers()) compact.addSerializer(s);
    }

    /** The serializers, one per grid type. */
    static List<CompactSerializer<?>> serializers() {
        return List.of(
                of(ZoneKey.class, (w, k) -> {
                    w.writeString("zone", k.zone());
                    w.writeInt64("id", k.id());
                }, r -> new ZoneKey(r.readString("zone"), r.readInt64("id"))),
                of(SignedField.class, GridSerialization::writeField, GridSerialization::readField),
                of(TelemetryBatch.class, (w, b) -> {
                    w.writeString("zone", b.zone());
                    w.writeInt64("source", b.source());
                    w.writeInt64("sequence", b.sequence());
                    w.writeInt64("sampledAtNanos", b.sampledAtNanos());
                    w.writeArrayOfInt32("nodes", b.nodes());
                    w.writeArrayOfFloat32("cpuUse", b.cpuUse());
                    w.writeArrayOfFloat32("gpuUse", b.gpuUse());
                    w.writeArrayOfFloat32("memUse", b.memUse());
                    w.writeArrayOfFloat32("powerW", b.powerW());
                    w.writeArrayOfFloat32("temperatureC", b.temperatureC());
                }, r -> new TelemetryBatch(r.readString("zone"), r.readInt64("source"), r.readInt64("sequence"),
                        r.readInt64("sampledAtNanos"), r.readArrayOfInt32("nodes"), r.readArrayOfFloat32("cpuUse"),
                        r.readArrayOfFloat32("gpuUse"), r.readArrayOfFloat32("memUse"), r.readArrayOfFloat32("powerW"),
                        r.readArrayOfFloat32("temperatureC"))),
                of(Lease.class, GridSerialization::writeLease, GridSerialization::readLease),
                of(WalletBalance.class, (w, b) -> {
                    w.writeString("zone", b.zone());
                    w.writeString("account", b.account());
                    w.writeInt64("micros", b.micros());
                    w.writeInt64("sequence", b.sequence());
                }, r -> new WalletBalance(r.readString("zone"), r.readString("account"), r.readInt64("micros"),
                        r.readInt64("sequence"))),
                of(SetBalance.class, (w, p) -> w.writeCompact("balance", p.balance()),
                        r -> new SetBalance(r.readCompact("balance"))),
                of(GovernorLease.class, (w, l) -> {
                    w.writeString("member", l.member());
                    w.writeInt64("term", l.term());
                    w.writeInt64("expiresAtMillis", l.expiresAtMillis());
                }, r -> new GovernorLease(r.readString("member"), r.readInt64("term"), r.readInt64("expiresAtMillis"))),
                of(ClaimGovernor.class, (w, c) -> {
                    w.writeString("member", c.member());
                    w.writeInt64("nowMillis", c.nowMillis());
                    w.writeInt64("ttlMillis", c.ttlMillis());
                    w.writeString("departedMember", c.departedMember());
                }, r -> new ClaimGovernor(r.readString("member"), r.readInt64("nowMillis"), r.readInt64("ttlMillis"),
                        r.readString("departedMember"))),
                of(SignedOrder.class, GridSerialization::writeOrder, GridSerialization::readOrder),
                of(JournalRecord.class, (w, j) -> {
                    w.writeCompact("entry", j.entry());
                    w.writeString("orderKey", j.orderKey());
                }, r -> new JournalRecord(r.readCompact("entry"), r.readString("orderKey"))),
                of(PlaceOrder.class, (w, t) -> w.writeCompact("order", t.order()),
                        r -> new PlaceOrder(r.readCompact("order"))),
                of(OrderOutcome.class, (w, o) -> {
                    w.writeString("status", o.status().name());
                    w.writeInt64("leaseId", o.leaseId());
                    w.writeInt64("micros", o.micros());
                    w.writeInt32("firstNode", o.firstNode());
                    w.writeString("message", o.message());
                    w.writeString("member", o.member());
                }, r -> new OrderOutcome(OrderOutcome.Status.valueOf(r.readString("status")), r.readInt64("leaseId"),
                        r.readInt64("micros"), r.readInt32("firstNode"), r.readString("message"), r.readString("member"))),
                of(ReadMapStatistics.class, (w, t) -> w.writeString("map", t.map()),
                        r -> new ReadMapStatistics(r.readString("map"))),
                of(MapStatistics.class, (w, s) -> {
                    w.writeString("member", s.member());
                    w.writeString("map", s.map());
                    w.writeInt64("ownedEntries", s.ownedEntries());
                    w.writeInt64("backupEntries", s.backupEntries());
                    w.writeInt64("puts", s.puts());
                    w.writeInt64("gets", s.gets());
                    w.writeBoolean("statisticsEnabled", s.statisticsEnabled());
                }, r -> new MapStatistics(r.readString("member"), r.readString("map"), r.readInt64("ownedEntries"),
                        r.readInt64("backupEntries"), r.readInt64("puts"), r.readInt64("gets"),
                        r.readBoolean("statisticsEnabled"))),
                of(AuditZone.class, (w, t) -> w.writeString("zone", t.zone()), r -> new AuditZone(r.readString("zone"))),
                of(ZoneAudit.class, (w, a) -> {
                    w.writeString("zone", a.zone());
                    w.writeString("member", a.member());
                    w.writeInt64("lastSequence", a.lastSequence());
                    w.writeInt64("mintedMicros", a.mintedMicros());
                    w.writeInt64("burnedMicros", a.burnedMicros());
                    w.writeInt64("balancesMicros", a.balancesMicros());
                    w.writeInt64("escrowedMicros", a.escrowedMicros());
                    w.writeArrayOfInt64("leaseIds", a.leaseIds());
                }, r -> new ZoneAudit(r.readString("zone"), r.readString("member"), r.readInt64("lastSequence"),
                        r.readInt64("mintedMicros"), r.readInt64("burnedMicros"), r.readInt64("balancesMicros"),
                        r.readInt64("escrowedMicros"), r.readArrayOfInt64("leaseIds"))),
                // Journal entries: one compact type per kind of accepted event.
                of(JournalEntry.Minted.class, (w, e) -> {
                    head(w, e);
                    w.writeString("account", e.account());
                    w.writeInt64("micros", e.micros());
                }, r -> new JournalEntry.Minted(r.readInt64("sequence"), r.readInt64("nowNanos"), r.readString("account"),
                        r.readInt64("micros"))),
                of(JournalEntry.Filled.class, (w, e) -> {
                    head(w, e);
                    w.writeCompact("lease", e.lease());
                    w.writeInt64("paidMicros", e.paidMicros());
                }, r -> new JournalEntry.Filled(r.readInt64("sequence"), r.readInt64("nowNanos"), r.readCompact("lease"),
                        r.readInt64("paidMicros"))),
                of(JournalEntry.Expanded.class, (w, e) -> {
                    head(w, e);
                    w.writeInt64("leaseId", e.leaseId());
                    w.writeInt32("extraCpuMilli", e.extra().cpuMilli());
                    w.writeInt64("extraMemMiB", e.extra().memMiB());
                    w.writeInt32("extraGpus", e.extra().gpus());
                    w.writeInt64("addedGpuMask", e.addedGpuMask());
                    w.writeInt64("paidMicros", e.paidMicros());
                    w.writeInt64("frictionMicros", e.frictionMicros());
                }, r -> new JournalEntry.Expanded(r.readInt64("sequence"), r.readInt64("nowNanos"), r.readInt64("leaseId"),
                        new Demand(r.readInt32("extraCpuMilli"), r.readInt64("extraMemMiB"), r.readInt32("extraGpus")),
                        r.readInt64("addedGpuMask"), r.readInt64("paidMicros"), r.readInt64("frictionMicros"))),
                of(JournalEntry.Released.class, (w, e) -> {
                    head(w, e);
                    w.writeInt64("leaseId", e.leaseId());
                    w.writeInt64("taxMicros", e.taxMicros());
                }, r -> new JournalEntry.Released(r.readInt64("sequence"), r.readInt64("nowNanos"), r.readInt64("leaseId"),
                        r.readInt64("taxMicros"))),
                of(JournalEntry.Evicted.class, (w, e) -> {
                    head(w, e);
                    w.writeInt64("leaseId", e.leaseId());
                    w.writeInt64("taxMicros", e.taxMicros());
                    w.writeInt64("byJobId", e.byJobId());
                }, r -> new JournalEntry.Evicted(r.readInt64("sequence"), r.readInt64("nowNanos"), r.readInt64("leaseId"),
                        r.readInt64("taxMicros"), r.readInt64("byJobId"))),
                of(JournalEntry.Taxed.class, (w, e) -> {
                    head(w, e);
                    w.writeInt64("leaseId", e.leaseId());
                    w.writeString("account", e.account());
                    w.writeInt64("micros", e.micros());
                }, r -> new JournalEntry.Taxed(r.readInt64("sequence"), r.readInt64("nowNanos"), r.readInt64("leaseId"),
                        r.readString("account"), r.readInt64("micros"))),
                of(JournalEntry.Decayed.class, (w, e) -> {
                    head(w, e);
                    w.writeInt64("burnedMicros", e.burnedMicros());
                }, r -> new JournalEntry.Decayed(r.readInt64("sequence"), r.readInt64("nowNanos"), r.readInt64("burnedMicros"))),
                of(JournalEntry.ConditionSet.class, (w, e) -> {
                    head(w, e);
                    w.writeInt32("node", e.node());
                    w.writeFloat64("thermal", e.thermal());
                    w.writeFloat64("external", e.external());
                    w.writeFloat64("demand", e.demand());
                }, r -> new JournalEntry.ConditionSet(r.readInt64("sequence"), r.readInt64("nowNanos"), r.readInt32("node"),
                        r.readFloat64("thermal"), r.readFloat64("external"), r.readFloat64("demand"))),
                of(JournalEntry.TaxRateSet.class, (w, e) -> {
                    head(w, e);
                    w.writeInt64("microsPerUnitSecond", e.microsPerUnitSecond());
                }, r -> new JournalEntry.TaxRateSet(r.readInt64("sequence"), r.readInt64("nowNanos"),
                        r.readInt64("microsPerUnitSecond"))),
                of(JournalEntry.UsageSet.class, (w, e) -> {
                    head(w, e);
                    w.writeInt64("leaseId", e.leaseId());
                    w.writeInt32("idleUnits", e.idleUnits());
                }, r -> new JournalEntry.UsageSet(r.readInt64("sequence"), r.readInt64("nowNanos"), r.readInt64("leaseId"),
                        r.readInt32("idleUnits"))));
    }

    private static void head(CompactWriter w, JournalEntry e) {
        w.writeInt64("sequence", e.sequence());
        w.writeInt64("nowNanos", e.nowNanos());
    }

    private static void writeField(CompactWriter w, SignedField f) {
        FieldSnapshot s = f.snapshot();
        w.writeString("zone", f.zone());
        w.writeInt64("governorTerm", f.governorTerm());
        w.writeInt64("epoch", s.epoch());
        w.writeFloat64("signalVariance", s.hyperparameters().signalVariance());
        w.writeFloat64("lengthScaleM", s.hyperparameters().lengthScaleM());
        w.writeFloat64("noiseVariance", s.hyperparameters().noiseVariance());
        w.writeFloat64("mean", s.mean());
        w.writeFloat64("meanRate", s.meanRate());
        w.writeArrayOfFloat64("inducingX", s.inducingX());
        w.writeArrayOfFloat64("inducingY", s.inducingY());
        w.writeArrayOfFloat64("weights", s.weights());
        w.writeArrayOfFloat64("weightRates", s.weightRates());
        w.writeArrayOfInt8("signature", f.signature());
    }

    private static SignedField readField(CompactReader r) {
        FieldSnapshot s = new FieldSnapshot(r.readInt64("epoch"),
                new Hyperparameters(r.readFloat64("signalVariance"), r.readFloat64("lengthScaleM"),
                        r.readFloat64("noiseVariance")),
                r.readFloat64("mean"), r.readFloat64("meanRate"), r.readArrayOfFloat64("inducingX"),
                r.readArrayOfFloat64("inducingY"), r.readArrayOfFloat64("weights"), r.readArrayOfFloat64("weightRates"));
        return new SignedField(r.readString("zone"), r.readInt64("governorTerm"), s, r.readArrayOfInt8("signature"));
    }

    private static void writeLease(CompactWriter w, Lease l) {
        w.writeInt64("id", l.id());
        w.writeInt64("jobId", l.jobId());
        w.writeString("account", l.account());
        w.writeInt32("firstNode", l.firstNode());
        w.writeInt32("nodeCount", l.nodeCount());
        w.writeInt64("gpuMask", l.gpuMask());
        w.writeInt32("cpuMilliPerNode", l.cpuMilliPerNode());
        w.writeInt64("memMiBPerNode", l.memMiBPerNode());
        w.writeInt32("units", l.units());
        w.writeInt64("rateMicros", l.rateMicros());
        w.writeFloat64("mass", l.mass());
        w.writeInt64("startNanos", l.startNanos());
        w.writeInt64("durationS", l.durationS());
        w.writeInt32("idleUnits", l.idleUnits());
        w.writeBoolean("block", l.block());
    }

    private static Lease readLease(CompactReader r) {
        return new Lease(r.readInt64("id"), r.readInt64("jobId"), r.readString("account"), r.readInt32("firstNode"),
                r.readInt32("nodeCount"), r.readInt64("gpuMask"), r.readInt32("cpuMilliPerNode"),
                r.readInt64("memMiBPerNode"), r.readInt32("units"), r.readInt64("rateMicros"), r.readFloat64("mass"),
                r.readInt64("startNanos"), r.readInt64("durationS"), r.readInt32("idleUnits"), r.readBoolean("block"));
    }

    private static void writeOrder(CompactWriter w, SignedOrder o) {
        w.writeString("zone", o.zone());
        w.writeString("sender", o.sender());
        w.writeInt64("orderId", o.orderId());
        w.writeString("kind", o.kind());
        w.writeInt64("jobId", o.jobId());
        w.writeString("account", o.account());
        w.writeArrayOfInt32("candidates", o.candidates());
        w.writeInt32("cpuMilli", o.cpuMilli());
        w.writeInt64("memMiB", o.memMiB());
        w.writeInt32("gpus", o.gpus());
        w.writeInt32("blockGpus", o.blockGpus());
        w.writeInt64("price", o.price());
        w.writeInt64("durationS", o.durationS());
        w.writeFloat64("mass", o.mass());
        w.writeInt64("leaseId", o.leaseId());
        w.writeInt64("micros", o.micros());
        w.writeInt64("nowNanos", o.nowNanos());
        w.writeArrayOfInt8("signature", o.signature());
    }

    private static SignedOrder readOrder(CompactReader r) {
        return new SignedOrder(r.readString("zone"), r.readString("sender"), r.readInt64("orderId"), r.readString("kind"), r.readInt64("jobId"),
                r.readString("account"), r.readArrayOfInt32("candidates"), r.readInt32("cpuMilli"), r.readInt64("memMiB"),
                r.readInt32("gpus"), r.readInt32("blockGpus"), r.readInt64("price"), r.readInt64("durationS"),
                r.readFloat64("mass"), r.readInt64("leaseId"), r.readInt64("micros"), r.readInt64("nowNanos"),
                r.readArrayOfInt8("signature"));
    }

    private static <T> CompactSerializer<T> of(Class<T> type, BiConsumer<CompactWriter, T> writer,
                                               Function<CompactReader, T> reader) {
        return new Lambda<>(type, "teg." + type.getName().substring(type.getName().lastIndexOf('.') + 1).replace('$', '.'),
                writer, reader);
    }

    /** A serializer made of a writer and a reader function. */
    private record Lambda<T>(Class<T> type, String typeName, BiConsumer<CompactWriter, T> writer,
                             Function<CompactReader, T> reader) implements CompactSerializer<T> {
        @Override
        public T read(CompactReader r) {
            return reader.apply(r);
        }

        @Override
        public void write(CompactWriter w, T object) {
            writer.accept(w, object);
        }

        @Override
        public String getTypeName() {
            return typeName;
        }

        @Override
        public Class<T> getCompactClass() {
            return type;
        }
    }
}
