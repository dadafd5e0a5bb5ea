package io.teg.grid;

/**
 * The names of TEG's structures on the grid, all {@code teg-*} so that Management Center lists them together. Their
 * settings (backups, near cache, statistics) are in the YAML files of {@code hazelcast-config/}.
 */
public final class GridNames {

    /** Signed field snapshots, key = zone, value = {@link SignedField}; near-cached on readers. */
    public static final String FIELD = "teg-field";
    /** Telemetry micro-batches, key = {@link ZoneKey}(zone, source), value = {@link TelemetryBatch}. */
    public static final String TELEMETRY = "teg-telemetry";
    /** Zone journals, key = {@link ZoneKey}(zone, sequence), value = a ledger journal entry; backed up. */
    public static final String JOURNAL = "teg-journal";
    /** Open leases, key = {@link ZoneKey}(zone, lease id), value = a ledger lease; backed up. */
    public static final String LEASES = "teg-leases";
    /** Wallet balances per zone, key = {@code zone/account}, value = {@link WalletBalance}. */
    public static final String WALLETS = "teg-wallets";
    /** The governor lease, key = {@value #GOVERNOR_KEY}, value = {@link GovernorLease}. */
    public static final String GOVERNOR = "teg-governor";
    /** The key of the one entry of {@link #GOVERNOR}. */
    public static final String GOVERNOR_KEY = "active";
    /** The site proof ({@link SiteProof}), key = "proof", value = the site key's signature. */
    public static final String SITE = "teg-site";
    /** The executor that carries orders to zone owners and statistics reads to members. */
    public static final String ORDERS = "teg-orders";

    /** Every map, for statistics checks. */
    public static final java.util.List<String> MAPS = java.util.List.of(FIELD, TELEMETRY, JOURNAL, LEASES, WALLETS, GOVERNOR, SITE);

    private GridNames() {
    }
}
