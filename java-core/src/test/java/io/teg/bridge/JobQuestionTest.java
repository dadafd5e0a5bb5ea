package io.teg.bridge;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobQuestionTest {

    @Test
    void shouldWantTheRequestedNodeCountWithinItsBoundsWhenAsked() {
        assertThat(new JobQuestion(1, 0, 2, 4, 3, 8, 0, 10, 0, false).nodesWanted()).isEqualTo(3);
        assertThat(new JobQuestion(1, 0, 2, 0, 0, 8, 0, 10, 0, false).nodesWanted()).isEqualTo(2);
        assertThat(new JobQuestion(1, 0, 0, 0, 0, 8, 0, 10, 0, false).nodesWanted()).isEqualTo(1);
        assertThat(new JobQuestion(1, 0, 2, 2, 5, 8, 0, 10, 0, false).nodesWanted()).isEqualTo(2);
    }

    @Test
    void shouldTakeOneDayWhenTheJobHasNoTimeLimit() {
        assertThat(new JobQuestion(1, 0, 1, 1, 1, 1, 0, 0xffffffffL, 0, false).timeLimitS()).isEqualTo(86_400);
        assertThat(new JobQuestion(1, 0, 1, 1, 1, 1, 0, 0xfffffffeL, 0, false).timeLimitS()).isEqualTo(86_400);
        assertThat(new JobQuestion(1, 0, 1, 1, 1, 1, 0, 7, 0, false).timeLimitS()).isEqualTo(420);
    }

    @Test
    void shouldBillTheClassAccountWhenAClassIsGivenAndTheUsersOtherwise() {
        assertThat(new JobQuestion(1, 1000, 1, 1, 1, 1, 0, 7, 0, false, 0, Sla.NONE, "chem-lab", 0).account())
                .isEqualTo("class-chem-lab");
        assertThat(new JobQuestion(1, 1000, 1, 1, 1, 1, 0, 7, 0, false).account()).isEqualTo("uid-1000");
    }

    @Test
    void shouldRefuseAClassThatSbatchWouldRefuseWhenBuilt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new JobQuestion(4, 1000, 1, 1, 1, 1, 0, 7, 0, false, 0,
                        Sla.NONE, "a b", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job 4: --teg-class=a b");
    }
}
