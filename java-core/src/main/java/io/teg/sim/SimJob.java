package io.teg.sim;

import io.teg.model.JobRequest;
import io.teg.model.TaskShape;

/**
 * One job of a replayed trace.
 *
 * @param index dense index 0..n-1 in submission order; the simulator keys its per-job state by it
 * @param request what the job asks for
 * @param submitS submission time in seconds since the start of the replay
 * @param runtimeS how long the job runs at full speed once all its tasks run, seconds (&ge; 1)
 * @param qos the trace's QoS class
 * @param sourceLine line of the trace file the job came from (the first line, for a gang of several lines)
 */
public record SimJob(int index, JobRequest request, long submitS, long runtimeS, Qos qos, long sourceLine) {

    public SimJob {
        if (index < 0) throw new IllegalArgumentException("index must be >= 0");
        if (submitS < 0) throw new IllegalArgumentException("submitS must be >= 0, got " + submitS);
        if (runtimeS < 1) throw new IllegalArgumentException("runtimeS must be >= 1, got " + runtimeS);
    }

    public TaskShape task() {
        return request.task();
    }

    public int tasks() {
        return request.tasks();
    }

    public SimJob withIndex(int newIndex) {
        return new SimJob(newIndex, request, submitS, runtimeS, qos, sourceLine);
    }

    public SimJob withSubmit(long newSubmitS) {
        return new SimJob(index, request, newSubmitS, runtimeS, qos, sourceLine);
    }

    public SimJob withRequest(JobRequest newRequest) {
        return new SimJob(index, newRequest, submitS, runtimeS, qos, sourceLine);
    }
}
