package io.teg.node.cgroup;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where job cgroups live: Slurm's own hierarchy when slurmd's task/cgroup plugin made one
 * ({@code slurm/uid_<uid>/job_<id>} in v1, {@code system.slice/slurmstepd.scope/job_<id>} in v2), otherwise the
 * agent's own {@code <ownRoot>/job_<id>}.
 */
public final class JobCgroups {

    private static final Pattern JOB = Pattern.compile("job_(\\d+)");
    private static final CgroupPath SLURM_V1 = new CgroupPath("slurm");
    private static final CgroupPath SLURM_V2 = new CgroupPath("system.slice/slurmstepd.scope");

    private final CgroupController cgroups;
    private final CgroupPath ownRoot;

    public JobCgroups(CgroupController cgroups, CgroupPath ownRoot) {
        this.cgroups = cgroups;
        this.ownRoot = ownRoot;
    }

    /** A job cgroup found on the node. */
    public record Found(long jobId, CgroupPath path, boolean slurm) {
    }

    /** The job's cgroup in Slurm's hierarchy if it exists, else the agent's own path for it (which may not exist yet). */
    public Found locate(long jobId) {
        for (Found f : discover()) {
            if (f.jobId() == jobId) return f;
        }
        return new Found(jobId, ownRoot.child("job_" + jobId), false);
    }

    /** Every job cgroup now present, Slurm's first, in path order. */
    public List<Found> discover() {
        List<Found> out = new ArrayList<>();
        for (CgroupPath uid : cgroups.children(SLURM_V1)) {
            if (!uid.name().startsWith("uid_")) continue;
            for (CgroupPath job : cgroups.children(uid)) addJob(out, job, true);
        }
        for (CgroupPath job : cgroups.children(SLURM_V2)) addJob(out, job, true);
        for (CgroupPath job : cgroups.children(ownRoot)) addJob(out, job, false);
        return out;
    }

    private static void addJob(List<Found> out, CgroupPath job, boolean slurm) {
        OptionalLong id = jobId(job.name());
        if (id.isPresent()) out.add(new Found(id.getAsLong(), job, slurm));
    }

    /** The job id in a cgroup name "job_<id>". */
    public static OptionalLong jobId(String name) {
        Matcher m = JOB.matcher(name);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
