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
}
