package io.teg.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import java.nio.charset.StandardCharsets;

/**
 * The check that keeps a member or client with another site key out of the market. The first signer in a cluster
 * stores the site key's signature of {@code "teg-site/1:" + cluster name} in map {@code teg-site}; every member and
 * client that starts later verifies that signature with its own key and refuses to go on when it does not verify.
 * A member runs the check while still a lite member (holding no partitions) and takes its share of the data only
 * after passing it, so a member with the wrong key never owns a zone. (Fields and orders carry their own
 * signatures besides; this check makes the mistake loud at start-up instead of a stream of rejections.)
 */
final class SiteProof {

    private static final String KEY = "proof";

    private SiteProof() {
    }

    /**
     * Verifies, or when absent and {@code key} can sign, establishes, the cluster's site proof.
     *
     * @throws IllegalStateException when the stored proof was made with another site key
     */
    static void check(HazelcastInstance hz, SiteKey key, String clusterName) {
        IMap<String, byte[]> map = hz.getMap(GridNames.SITE);
        byte[] message = ("teg-site/1:" + clusterName).getBytes(StandardCharsets.UTF_8);
        byte[] proof = map.get(KEY);
        if (proof == null && key.canSign()) {
            byte[] mine = key.sign(message);
            byte[] earlier = map.putIfAbsent(KEY, mine);
            proof = earlier == null ? mine : earlier;
        }
        if (proof != null && !key.verifies(message, proof))
            throw new IllegalStateException("cluster " + clusterName + " belongs to another site key: its site proof "
                    + "does not verify with this node's key (check teg.site-key-file)");
    }
}
