package io.teg.bridge;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The C structs and function types of {@code slurm-plugin-c/teg_bridge.h}, field for field. {@link #ABI_VERSION} is
 * {@code TEG_ABI_VERSION}; change both, and every layout here, together.
 */
final class Layouts {

    /** {@code TEG_ABI_VERSION}. */
    static final int ABI_VERSION = 6;

    /** {@code TEG_NODE_NAME_LEN}, bytes including the terminating NUL. */
    static final int NODE_NAME_LEN = 64;

    /** {@code TEG_CLASS_LEN}, bytes: up to 64 characters of {@code --teg-class}, the NUL, padding. */
    static final int CLASS_LEN = 72;

    /** {@code teg_node_t}: 88 bytes. */
    static final StructLayout NODE = MemoryLayout.structLayout(
            JAVA_INT.withName("index"),
            JAVA_INT.withName("cpus"),
            JAVA_LONG.withName("real_memory_mb"),
            MemoryLayout.sequenceLayout(NODE_NAME_LEN, JAVA_BYTE).withName("name"),
            JAVA_INT.withName("gpus"),
            JAVA_INT.withName("reserved"));

    /** {@code teg_job_request_t}: 184 bytes. */
    static final StructLayout JOB_REQUEST = MemoryLayout.structLayout(
            JAVA_INT.withName("job_id"),
            JAVA_INT.withName("user_id"),
            JAVA_INT.withName("min_nodes"),
            JAVA_INT.withName("max_nodes"),
            JAVA_INT.withName("req_nodes"),
            JAVA_INT.withName("min_cpus"),
            JAVA_LONG.withName("mem_per_node_mb"),
            JAVA_INT.withName("time_limit_min"),
            JAVA_INT.withName("priority"),
            JAVA_INT.withName("candidate_count"),
            JAVA_INT.withName("flags"),
            ADDRESS.withName("candidates"),
            ADDRESS.withName("ranked"),
            JAVA_LONG.withName("bid_micro_tokens"),
            JAVA_INT.withName("sla"),
            JAVA_INT.withName("mem_per_cpu_mb"),
            ADDRESS.withName("free_cpus"),
            ADDRESS.withName("free_mem_mb"),
            MemoryLayout.sequenceLayout(CLASS_LEN, JAVA_BYTE).withName("job_class"),
            ADDRESS.withName("free_gpus"),
            JAVA_INT.withName("gpus_per_node"),
            JAVA_INT.withName("reserved"));

    /** {@code teg_upcalls_t}: 64 bytes. */
    static final StructLayout UPCALLS = MemoryLayout.structLayout(
            JAVA_INT.withName("abi_version"),
            JAVA_INT.withName("size"),
            ADDRESS.withName("set_nodes"),
            ADDRESS.withName("job_test"),
            ADDRESS.withName("job_begin"),
            ADDRESS.withName("job_fini"),
            ADDRESS.withName("shutdown"),
            ADDRESS.withName("job_outcome"),
            ADDRESS.withName("drain"));

    static final long NODE_INDEX = offset(NODE, "index");
    static final long NODE_CPUS = offset(NODE, "cpus");
    static final long NODE_MEMORY = offset(NODE, "real_memory_mb");
    static final long NODE_NAME = offset(NODE, "name");
    static final long NODE_GPUS = offset(NODE, "gpus");

    static final long REQ_JOB_ID = offset(JOB_REQUEST, "job_id");
    static final long REQ_USER_ID = offset(JOB_REQUEST, "user_id");
    static final long REQ_MIN_NODES = offset(JOB_REQUEST, "min_nodes");
    static final long REQ_MAX_NODES = offset(JOB_REQUEST, "max_nodes");
    static final long REQ_REQ_NODES = offset(JOB_REQUEST, "req_nodes");
    static final long REQ_MIN_CPUS = offset(JOB_REQUEST, "min_cpus");
    static final long REQ_MEM = offset(JOB_REQUEST, "mem_per_node_mb");
    static final long REQ_MEM_PER_CPU = offset(JOB_REQUEST, "mem_per_cpu_mb");
    static final long REQ_TIME_LIMIT = offset(JOB_REQUEST, "time_limit_min");
    static final long REQ_PRIORITY = offset(JOB_REQUEST, "priority");
    static final long REQ_CANDIDATE_COUNT = offset(JOB_REQUEST, "candidate_count");
    static final long REQ_FLAGS = offset(JOB_REQUEST, "flags");
    static final long REQ_CANDIDATES = offset(JOB_REQUEST, "candidates");

    /** {@code TEG_JOB_WHOLE_NODES}: the job takes whole nodes ({@code --exclusive}). */
    static final int JOB_WHOLE_NODES = 0x1;
    static final long REQ_RANKED = offset(JOB_REQUEST, "ranked");
    static final long REQ_BID = offset(JOB_REQUEST, "bid_micro_tokens");
    static final long REQ_SLA = offset(JOB_REQUEST, "sla");
    static final long REQ_FREE_CPUS = offset(JOB_REQUEST, "free_cpus");
    static final long REQ_FREE_MEM = offset(JOB_REQUEST, "free_mem_mb");
    static final long REQ_CLASS = offset(JOB_REQUEST, "job_class");
    static final long REQ_FREE_GPUS = offset(JOB_REQUEST, "free_gpus");
    static final long REQ_GPUS_PER_NODE = offset(JOB_REQUEST, "gpus_per_node");

    static final long UP_ABI_VERSION = offset(UPCALLS, "abi_version");
    static final long UP_SIZE = offset(UPCALLS, "size");
    static final long UP_SET_NODES = offset(UPCALLS, "set_nodes");
    static final long UP_JOB_TEST = offset(UPCALLS, "job_test");
    static final long UP_JOB_BEGIN = offset(UPCALLS, "job_begin");
    static final long UP_JOB_FINI = offset(UPCALLS, "job_fini");
    static final long UP_SHUTDOWN = offset(UPCALLS, "shutdown");
    static final long UP_JOB_OUTCOME = offset(UPCALLS, "job_outcome");
    static final long UP_DRAIN = offset(UPCALLS, "drain");

    /** {@code TEG_OUTCOME_USED}, {@code TEG_OUTCOME_UNFIT}, {@code TEG_OUTCOME_LATE}. */
    static final int OUTCOME_USED = 1;
    static final int OUTCOME_UNFIT = 2;
    static final int OUTCOME_LATE = 3;

    /** {@code int32_t (*set_nodes)(const teg_node_t *nodes, uint32_t count)}. */
    static final FunctionDescriptor SET_NODES = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
    /** {@code int32_t (*job_test)(teg_job_request_t *request)}. */
    static final FunctionDescriptor JOB_TEST = FunctionDescriptor.of(JAVA_INT, ADDRESS);
    /** {@code int32_t (*job_begin)(uint32_t job_id, uint32_t user_id, const uint32_t *nodes, const uint32_t *cpus, const uint32_t *gpus, uint32_t n)}. */
    static final FunctionDescriptor JOB_BEGIN = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS,
            ADDRESS, JAVA_INT);
    /** {@code int32_t (*job_fini)(uint32_t job_id)}. */
    static final FunctionDescriptor JOB_FINI = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
    /** {@code int32_t (*shutdown)(void)}. */
    static final FunctionDescriptor SHUTDOWN = FunctionDescriptor.of(JAVA_INT);
    static final FunctionDescriptor DRAIN = FunctionDescriptor.of(JAVA_INT);
    /** {@code int32_t (*job_outcome)(uint32_t job_id, uint32_t outcome)}. */
    static final FunctionDescriptor JOB_OUTCOME = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT);
    /** {@code int teg_bridge_register(const teg_upcalls_t *table)}. */
    static final FunctionDescriptor REGISTER = FunctionDescriptor.of(JAVA_INT, ADDRESS);

    private Layouts() {
    }

    private static long offset(StructLayout layout, String field) {
        return layout.byteOffset(groupElement(field));
    }
}
