package io.teg.agent;

import io.teg.model.JobRequest;
import io.teg.model.TaskShape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AgentTest {

    @Test
    void shouldWeighMemoryAndTheLogOfTheEndowmentWhenMadeFromAJob() {
        AgentParameters p = AgentParameters.defaults().withMass(0.5, 2.0, 1.0);
        JobRequest job = Clusters.job(1, 4, TaskShape.cpu(1000, 8192));
        JobTerms terms = new JobTerms(1000 * JobTerms.MICRO_PER_TOKEN, 0, 3.0, 0.5);

        Agent agent = Agent.of(job, terms, p);

        assertThat(agent.mass()).isCloseTo(1.0 + 0.5 * 32 + 2.0 * Math.log(1000), within(1e-12));
        assertThat(agent.charge()).isCloseTo(3.0 * 1.5, within(1e-15));
    }

    @Test
    void shouldWeighOnlyTheRestMassWhenTheJobHasNoMemoryAndOneToken() {
        JobRequest job = Clusters.job(1, 1, TaskShape.cpu(1000, 0));
        Agent agent = Agent.of(job, new JobTerms(JobTerms.MICRO_PER_TOKEN, 0, 0, 0), AgentParameters.defaults());

        assertThat(agent.mass()).isEqualTo(AgentParameters.defaults().restMass());
        assertThat(agent.charge()).isZero();
    }

    @Test
    void shouldTurnSlowerWhenHeavierAndFasterWhenMoreCharged() {
        assertThat(Math.abs(new Agent(10, 1).cyclotronRate(1))).isLessThan(Math.abs(new Agent(1, 1).cyclotronRate(1)));
        assertThat(Math.abs(new Agent(1, 5).cyclotronRate(1))).isGreaterThan(Math.abs(new Agent(1, 1).cyclotronRate(1)));
        assertThat(new Agent(2, 3).cyclotronRate(0.5)).isEqualTo(-0.75);
    }

    @Test
    void shouldNameTheParameterAndItsRangeWhenAValueIsRefused() {
        AgentParameters d = AgentParameters.defaults();
        assertThatThrownBy(() -> d.withSteps(0)).hasMessage("steps must be in [1, 100000], got 0");
        assertThatThrownBy(() -> d.withStepS(-1)).hasMessage("stepS must be in (0, ∞) and finite, got -1.0");
        assertThatThrownBy(() -> d.withDamping(-0.5)).hasMessage("damping must be in [0.0, ∞) and finite, got -0.5");
        assertThatThrownBy(() -> d.withCandidateNodes(5000)).hasMessage("candidateNodes must be in [1, 4096], got 5000");
        assertThatThrownBy(() -> d.withBidRetries(17)).hasMessage("bidRetries must be in [0, 16], got 17");
        assertThatThrownBy(() -> d.withMass(0.1, 0.1, 0)).hasMessage("restMass must be in (0, ∞) and finite, got 0.0");
        assertThatThrownBy(() -> d.withTemperature(Double.NaN)).hasMessageStartingWith("temperature must be in [0.0, ∞)");
        assertThatThrownBy(() -> d.withStartMode(null)).hasMessageContaining("BOUNDING_BOX, FREE_CAPACITY_ZONES");
        assertThatThrownBy(() -> new JobTerms(999_999, 0, 1, 0)).hasMessageContaining("at least one token");
        assertThatThrownBy(() -> new Agent(0, 1)).hasMessageContaining("mass must be in (0, ∞)");
    }
}
