package io.teg.ledger;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryJournalTest {

    @Test
    void shouldRefuseAnEntryWhenItsSequenceLeavesAGap() {
        InMemoryJournal journal = new InMemoryJournal();
        journal.append(new JournalEntry.Minted(1, 0, "a", 5));

        assertThatThrownBy(() -> journal.append(new JournalEntry.Minted(3, 0, "a", 5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("3");
        assertThat(journal.lastSequence()).isEqualTo(1);
    }

    @Test
    void shouldHandOutEntriesFromAGivenSequenceWhenIterated() {
        InMemoryJournal journal = new InMemoryJournal();
        for (long s = 1; s <= 5; s++) journal.append(new JournalEntry.TaxRateSet(s, s, s * 10));
        List<Long> seen = new ArrayList<>();

        journal.forEach(3, e -> seen.add(e.sequence()));

        assertThat(seen).containsExactly(3L, 4L, 5L);
    }

    @Test
    void shouldRefuseToReplayAJournalWhenItContradictsItself() {
        InMemoryJournal journal = new InMemoryJournal();
        journal.append(new JournalEntry.Minted(1, 0, "a", 5));
        journal.append(new JournalEntry.Released(2, 0, 9, 0));

        assertThatThrownBy(() -> LedgerBook.replay(LedgerFixtures.quietZone(1, 1), journal))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("lease 9");
    }
}
