package io.teg.ledger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockTreeTest {

    @Test
    void shouldOfferTheWholeZoneWhenEverythingIsFree() {
        BlockTree tree = BlockTree.uniform(8, 8);

        assertThat(tree.freeGpus()).isEqualTo(64);
        assertThat(tree.largestFreeBlock()).isEqualTo(64);
        assertThat(tree.findBlock(64)).isZero();
    }

    @Test
    void shouldRefuseAContiguousBlockWhenFreeGpusAreScattered() {
        BlockTree tree = BlockTree.uniform(8, 8);
        tree.allocateMask(0, 0b1);
        tree.allocateMask(5, 0b1000);

        assertThat(tree.freeGpus()).isEqualTo(62);
        assertThat(tree.largestFreeBlock()).isEqualTo(16);
        assertThat(tree.findBlock(32)).isEqualTo(-1);
        assertThat(tree.findBlock(16)).isEqualTo(16);
    }

    @Test
    void shouldFindTheLeftmostAlignedBlockWhenSeveralFit() {
        BlockTree tree = BlockTree.uniform(4, 8);
        tree.allocateBlock(0, 8);

        assertThat(tree.findBlock(8)).isEqualTo(8);
        assertThat(tree.findBlock(4)).isEqualTo(8);
        assertThat(tree.findBlock(16)).isEqualTo(16);
    }

    @Test
    void shouldRestoreTheLargestBlockWhenABlockIsFreed() {
        BlockTree tree = BlockTree.uniform(8, 8);
        int first = tree.findBlock(32);
        tree.allocateBlock(first, 32);
        assertThat(tree.largestFreeBlock()).isEqualTo(32);
        tree.allocateBlock(tree.findBlock(32), 32);
        assertThat(tree.largestFreeBlock()).isZero();

        tree.freeBlock(first, 32);

        assertThat(tree.largestFreeBlock()).isEqualTo(32);
        assertThat(tree.freeGpus()).isEqualTo(32);
        assertThat(tree.isFree(first + 5)).isTrue();
    }

    @Test
    void shouldPackNodeGpusIntoTheFullerHalfWhenAllocatingOnANode() {
        BlockTree tree = BlockTree.uniform(1, 8);
        tree.allocateMask(0, 0b0000_0001);

        long mask = tree.allocateOnNode(0, 3);

        assertThat(mask).isEqualTo(0b0000_1110);
        assertThat(tree.largestFreeBlock()).isEqualTo(4);
        assertThat(tree.freeOnNode(0)).isEqualTo(4);
    }

    @Test
    void shouldNeverFreeGpusANodeLacksWhenItHasFewerThanItsSlots() {
        BlockTree tree = new BlockTree(2, 8, new int[] {8, 4});

        assertThat(tree.freeGpus()).isEqualTo(12);
        assertThat(tree.largestFreeBlock()).isEqualTo(8);
        assertThat(tree.findBlock(16)).isEqualTo(-1);
        assertThat(tree.findBlock(4)).isEqualTo(0);
        tree.allocateBlock(0, 8);
        assertThat(tree.largestFreeBlock()).isEqualTo(4);
        assertThat(tree.findBlock(4)).isEqualTo(8);
        assertThat(tree.findBlock(8)).isEqualTo(-1);
        assertThat(tree.isFree(12)).isFalse();
    }

    @Test
    void shouldThrowWhenAllocatingABlockThatIsNotFree() {
        BlockTree tree = BlockTree.uniform(2, 8);
        tree.allocateMask(1, 0b100);

        assertThatThrownBy(() -> tree.allocateBlock(8, 8)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tree.allocateBlock(4, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.allocateBlock(0, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.freeMask(0, 0b1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldSplitAWholeBlockWhenOneGpuInsideIsFreed() {
        BlockTree tree = BlockTree.uniform(2, 8);
        tree.allocateBlock(0, 16);

        tree.freeMask(1, 0b0100_0000);

        assertThat(tree.freeGpus()).isEqualTo(1);
        assertThat(tree.isFree(14)).isTrue();
        assertThat(tree.isFree(15)).isFalse();
        assertThat(tree.largestFreeBlock()).isEqualTo(1);
    }
}
