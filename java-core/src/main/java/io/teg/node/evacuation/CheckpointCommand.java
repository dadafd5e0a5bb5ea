package io.teg.node.evacuation;

import io.teg.node.cgroup.CgroupController;
import io.teg.node.cgroup.CgroupPath;

import java.util.ArrayList;
import java.util.List;

/**
 * Thaws the job so that it can write a checkpoint inside the 5 % reserve, runs a site command with
 * {@code {job}} and {@code {cgroup}} replaced by the job id and the cgroup path, then kills what is left of the job.
 * A failing command is reported in the result; the job is killed either way, since the node must shed it.
 */
public final class CheckpointCommand implements Evacuator {

    private final CgroupController cgroups;
    private final CommandRunner runner;
    private final List<String> template;

    /** @param template argv with {job} and {cgroup} placeholders, e.g. ["/usr/local/bin/ckpt", "{job}"] */
    public CheckpointCommand(CgroupController cgroups, CommandRunner runner, List<String> template) {
        if (template.isEmpty()) throw new IllegalArgumentException("checkpoint command is empty");
        this.cgroups = cgroups;
        this.runner = runner;
        this.template = List.copyOf(template);
    }

    @Override
    public Evacuation evacuate(long jobId, CgroupPath cgroup) {
        List<String> argv = new ArrayList<>(template.size());
        for (String a : template) argv.add(a.replace("{job}", Long.toString(jobId)).replace("{cgroup}", cgroup.relative()));
        cgroups.thaw(cgroup);
        CommandRunner.Result r = runner.run(argv);
        int killed = Kills.killAll(cgroups, cgroup);
        boolean ok = r.exitCode() == 0;
        return new Evacuation(jobId, "checkpoint", ok, killed,
                String.join(" ", argv) + (ok ? ": ok" : " exited " + r.exitCode() + " (" + r.output() + ")")
                        + "; killed " + killed + " processes");
    }
}
