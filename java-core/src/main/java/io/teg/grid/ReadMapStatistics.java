package io.teg.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.LocalMapStats;

import java.util.concurrent.Callable;

/**
 * Reads one member's LocalMapStats of {@code map} on that member (a client has no access to them otherwise): submit
 * it with {@code executeOnAllMembers} on executor {@code teg-orders} to see a map's statistics across the cluster.
 */
public final class ReadMapStatistics implements Callable<MapStatistics>, HazelcastInstanceAware {

    private final String map;
    private transient HazelcastInstance instance;

    /** A statistics read of map {@code map}. */
    public ReadMapStatistics(String map) {
        this.map = map;
    }

    /** The map's name. */
    public String map() {
        return map;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public MapStatistics call() {
        boolean enabled = instance.getConfig().getMapConfig(map).isStatisticsEnabled();
        LocalMapStats s = instance.getMap(map).getLocalMapStats();
        return new MapStatistics(instance.getCluster().getLocalMember().getUuid().toString(), map,
                s.getOwnedEntryCount(), s.getBackupEntryCount(), s.getPutOperationCount() + s.getSetOperationCount(),
                s.getGetOperationCount(), enabled);
    }
}
