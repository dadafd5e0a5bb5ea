package io.teg.bridge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slurm's free view, as select/teg hands it to TEG at each job_test, stays equal to cons_tres's own counts when a
 * running job is suspended and resumed ({@code scontrol suspend/resume}), shrunk ({@code scontrol update NumNodes}),
 * or merged into another ({@code --dependency=expand}). Read back from the decision lines, which carry what Slurm
 * counted free on each ranked node ({@code free_cpus}, {@code free_mem_mib}); nodes have 4 CPUs and 800 MiB.
 */
class SelectTegFreeViewIT {

    private LocalSlurm slurm;
    private final List<Long> submitted = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (slurm == null) return;
        try {
            if (!submitted.isEmpty()) {
                List<String> cmd = new ArrayList<>(List.of("scancel"));
                submitted.forEach(id -> cmd.add(Long.toString(id)));
                slurm.run(Duration.ofSeconds(30), cmd.toArray(String[]::new));
                slurm.awaitQueueEmpty(Duration.ofMinutes(2));
            }
        } finally {
            slurm.close();
        }
    }

    private void start(String name, int nodes, String... slurmConf) throws Exception {
        // these tests read TEG's decisions: on a loaded machine the first ones can miss 200 ms (then cons_tres
        // places the job alone and there is no decision line to read), so TEG gets 5 s here
        slurm = LocalSlurm.create(name, nodes, 4, LocalSlurm.defaultTegConf("DecisionTimeout=5000"))
                .withSlurmConf(slurmConf).start();
        LocalSlurm.await(Duration.ofSeconds(60), "TEG ready", () -> {
            try {
                return slurm.log().contains("select/teg: TEG engine ready");
            } catch (Exception e) {
                return false;
            }
        });
    }

    private long submit(String... args) throws Exception {
        long id = slurm.submit(args);
        submitted.add(id);
        return id;
    }

    private void scontrol(String... args) {
        List<String> cmd = new ArrayList<>(List.of("scontrol"));
        cmd.addAll(List.of(args));
        slurm.run(Duration.ofSeconds(30), cmd.toArray(String[]::new));
    }

    private void awaitState(long job, String state) throws InterruptedException {
        LocalSlurm.await(Duration.ofSeconds(90), "job " + job + " " + state, () -> {
            try {
                LocalSlurm.JobView v = slurm.jobs().get(job);
                return v != null && v.state().equals(state);
            } catch (Exception e) {
                return false;
            }
        });
    }

    private LocalSlurm.JobView job(long id) throws Exception {
        return slurm.jobs().get(id);
    }

    /** The fields of the first decision log line that starts with {@code prefix}, once it is there. */
    private Map<String, String> awaitLine(String prefix) throws InterruptedException {
        AtomicReference<Map<String, String>> found = new AtomicReference<>();
        LocalSlurm.await(Duration.ofSeconds(90), "a decision log line '" + prefix + "'", () -> {
            try {
                Optional<String> l = slurm.decisions().stream().filter(s -> s.startsWith(prefix)).findFirst();
                l.ifPresent(s -> found.set(LocalSlurm.fields(s)));
                return l.isPresent();
            } catch (Exception e) {
                return false;
            }
        });
        return found.get();
    }

    private List<String> lines(String prefix) throws Exception {
        return slurm.decisions().stream().filter(s -> s.startsWith(prefix)).toList();
    }

    private static String sleep(int s) {
        return "sleep " + s;
    }

    @Test
    void shouldFreeTheCoresButNotTheMemoryWhileAJobIsSuspended() throws Exception {
        start("freeview-susp", 1);
        long a = submit("-n", "3", "--mem=500", "-t", "10", "--wrap", sleep(600));
        awaitState(a, "RUNNING");

        scontrol("suspend", Long.toString(a));
        awaitState(a, "SUSPENDED");
        long b = submit("-n", "2", "--mem=100", "-t", "10", "--wrap", sleep(600));
        awaitState(b, "RUNNING");

        assertThat(awaitLine("decision job=" + b + " ")).as("a suspended job gives back its 3 cores, keeps 500 MiB")
                .containsEntry("ranked", "n1").containsEntry("free_cpus", "4").containsEntry("free_mem_mib", "300");

        slurm.run(Duration.ofSeconds(30), "scancel", Long.toString(b));
        awaitState(b, "CANCELLED");
        scontrol("resume", Long.toString(a));
        awaitState(a, "RUNNING");
        long c = submit("-n", "2", "--mem=100", "-t", "10", "--wrap", sleep(600));

        assertThat(awaitLine("declined job=" + c + " ")).as("resumed, the job holds its cores again")
                .containsEntry("free_cpus", "1").containsEntry("max_free_mem_mib", "300");
        assertThat(job(c).state()).isEqualTo("PENDING");
        slurm.run(Duration.ofSeconds(30), "scancel", Long.toString(c));

        long e = submit("-n", "1", "--mem=100", "-t", "10", "--wrap", sleep(600));
        awaitState(e, "RUNNING");
        scontrol("suspend", Long.toString(a));
        awaitState(a, "SUSPENDED");
        slurm.run(Duration.ofSeconds(30), "scancel", Long.toString(a));
        awaitState(a, "CANCELLED");
        long d = submit("-n", "1", "--mem=100", "-t", "10", "--wrap", sleep(600));
        awaitState(d, "RUNNING");

        assertThat(awaitLine("decision job=" + d + " ")).as("a suspended job that ends gives back its memory only; "
                        + "the 1 core and 100 MiB of the other running job stay held")
                .containsEntry("free_cpus", "3").containsEntry("free_mem_mib", "700");
        assertThat(slurm.controllerAlive()).isTrue();
    }

    @Test
    void shouldStillCountASuspendedJobsMemoryOnlyWhenSlurmctldRestarts() throws Exception {
        start("freeview-susp-restart", 1);
        long a = submit("-n", "3", "--mem=500", "-t", "10", "--wrap", sleep(600));
        awaitState(a, "RUNNING");
        scontrol("suspend", Long.toString(a));
        awaitState(a, "SUSPENDED");

        slurm.stopController();
        slurm.startController();
        LocalSlurm.await(Duration.ofSeconds(60), "TEG ready again", () -> {
            try {
                return slurm.log().split("select/teg: TEG engine ready", -1).length - 1 >= 2;
            } catch (Exception e) {
                return false;
            }
        });
        awaitState(a, "SUSPENDED");
        long b = submit("-n", "2", "--mem=100", "-t", "10", "--wrap", sleep(600));
        awaitState(b, "RUNNING");

        assertThat(awaitLine("decision job=" + b + " ")).as("recovered as suspended: 500 MiB held, no core")
                .containsEntry("free_cpus", "4").containsEntry("free_mem_mib", "300");
        assertThat(lines("lease job=" + a + " ")).as("its lease was opened again at the restart").hasSize(2);
    }

    @Test
    void shouldSeeTheNodeFreeAndMoveTheLeaseWhenARunningJobShrinks() throws Exception {
        start("freeview-resize", 2);
        long j = submit("-N", "2", "--ntasks-per-node=4", "--mem=400", "-t", "10", "--wrap", sleep(600));
        awaitState(j, "RUNNING");
        assertThat(job(j).nodes()).containsExactlyInAnyOrder("n1", "n2");

        scontrol("update", "JobId=" + j, "NumNodes=1");
        LocalSlurm.await(Duration.ofSeconds(60), "job " + j + " on one node", () -> {
            try {
                return job(j).nodes().size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        String kept = job(j).nodes().getFirst();
        String freed = kept.equals("n1") ? "n2" : "n1";
        long k = submit("-N", "1", "-n", "4", "--mem=800", "-t", "10", "--wrap", sleep(600));
        awaitState(k, "RUNNING");

        assertThat(awaitLine("decision job=" + k + " ")).as("the node taken out of the job is free again")
                .containsEntry("ranked", freed).containsEntry("free_cpus", "4").containsEntry("free_mem_mib", "800");
        assertThat(job(k).nodes()).containsExactly(freed);
        assertThat(lines("settle job=" + j + " ")).as("the two-node lease was settled at the resize").hasSize(1);
        assertThat(lines("lease job=" + j + " ")).as("and one opened on the node left")
                .extracting(l -> LocalSlurm.fields(l).get("nodes")).containsExactly("n1,n2", kept);
    }

    @Test
    void shouldMoveTheResourcesAndTheLeaseWhenAJobExpandsIntoAnother() throws Exception {
        start("freeview-expand", 3, "SchedulerParameters=permit_job_expansion");
        long x = submit("-N", "1", "-n", "4", "--mem=400", "-t", "10", "--wrap", sleep(600));
        awaitState(x, "RUNNING");
        // a job with a step (a batch script) cannot give its resources away: an allocation without a shell
        String granted = slurm.run(Duration.ofSeconds(90), "salloc", "--no-shell", "-N", "1", "-n", "4", "--mem=400",
                "-t", "10", "--dependency=expand:" + x);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Granted job allocation (\\d+)").matcher(granted);
        assertThat(m.find()).as("salloc granted an allocation: " + granted).isTrue();
        long y = Long.parseLong(m.group(1));
        submitted.add(y);
        awaitState(y, "RUNNING");
        String xNode = job(x).nodes().getFirst();
        String yNode = job(y).nodes().getFirst();

        scontrol("update", "JobId=" + y, "NumNodes=0");
        LocalSlurm.await(Duration.ofSeconds(60), "job " + x + " on two nodes", () -> {
            try {
                return job(x).nodes().size() == 2;
            } catch (Exception e) {
                return false;
            }
        });
        long z = submit("-N", "1", "-n", "1", "--mem=100", "-t", "10", "--wrap", sleep(600));
        awaitState(z, "RUNNING");

        assertThat(job(x).nodes()).containsExactlyInAnyOrder(xNode, yNode);
        assertThat(awaitLine("decision job=" + z + " ")).as("the one node that neither job held")
                .containsEntry("free_cpus", "4").containsEntry("free_mem_mib", "800");
        List<String> leases = lines("lease job=" + x + " ");
        assertThat(leases).as("x's lease opened, then moved to both nodes").hasSize(2);
        assertThat(LocalSlurm.fields(leases.getLast()).get("nodes").split(",")).containsExactlyInAnyOrder(xNode, yNode);
        assertThat(lines("settle job=" + y + " ")).as("y's lease was settled").hasSize(1);

        slurm.run(Duration.ofSeconds(30), "scancel", Long.toString(x), Long.toString(z));
        slurm.awaitQueueEmpty(Duration.ofMinutes(2));
        long all = submit("-N", "3", "--ntasks-per-node=4", "--mem=800", "-t", "10", "--wrap", sleep(1));
        awaitState(all, "COMPLETED");

        assertThat(awaitLine("decision job=" + all + " ")).as("nothing is left held after both jobs ended")
                .containsEntry("free_cpus", "4,4,4").containsEntry("free_mem_mib", "800,800,800");
    }
}
