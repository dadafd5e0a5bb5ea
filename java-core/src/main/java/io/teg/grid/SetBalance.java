package io.teg.grid;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * Sets a {@link WalletBalance} atomically on the entry's partition owner, unless the stored one was read at a later
 * journal position: publishers on an old and a new zone owner can race, and the later journal position wins.
 * Returns true when it wrote.
 *
 * @param balance the new balance
 */
public record SetBalance(WalletBalance balance) implements EntryProcessor<String, WalletBalance, Boolean> {

    @Override
    public Boolean process(Map.Entry<String, WalletBalance> entry) {
        WalletBalance old = entry.getValue();
        if (old != null && old.sequence() > balance.sequence()) return false;
        if (balance.equals(old)) return false;
        entry.setValue(balance);
        return true;
    }
}
