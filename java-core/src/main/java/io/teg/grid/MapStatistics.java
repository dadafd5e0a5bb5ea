package io.teg.grid;

/**
 * One member's statistics of one {@code teg-*} map, as Hazelcast keeps them (LocalMapStats) for Management Center,
 * read through {@link ReadMapStatistics}.
 *
 * @param member the member's UUID
 * @param map the map's name
 * @param ownedEntries entries whose primary copy this member holds
 * @param backupEntries backup copies this member holds
 * @param puts put operations served since start
 * @param gets get operations served since start
 * @param statisticsEnabled whether the map keeps statistics at all (false means the other numbers are all zero)
 */
public record MapStatistics(String member, String map, long ownedEntries, long backupEntries, long puts, long gets,
                            boolean statisticsEnabled) {
}
