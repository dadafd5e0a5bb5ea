package io.teg.node.cgroup;

import java.nio.file.Path;

/** The freezer in one hierarchy: v1 {@code freezer.state} or v2 {@code cgroup.freeze}. */
sealed interface FreezerHierarchy permits FreezerHierarchy.V1, FreezerHierarchy.V2 {

    Path root();

    void freeze(CgroupPath path, boolean frozen);

    FreezeState state(CgroupPath path);

    default Path dir(CgroupPath path) {
        return root().resolve(path.relative());
    }

    /** v1: write FROZEN or THAWED to {@code freezer.state}; it reads back FREEZING until every task stopped. */
    record V1(Path root) implements FreezerHierarchy {
        @Override
        public void freeze(CgroupPath path, boolean frozen) {
            CgroupFiles.write(dir(path).resolve("freezer.state"), frozen ? "FROZEN" : "THAWED");
        }

        @Override
        public FreezeState state(CgroupPath path) {
            return FreezeState.valueOf(CgroupFiles.read(dir(path).resolve("freezer.state")));
        }
    }

    /** v2: write 1 or 0 to {@code cgroup.freeze}; {@code cgroup.events} says "frozen 1" once every task stopped. */
    record V2(Path root) implements FreezerHierarchy {
        @Override
        public void freeze(CgroupPath path, boolean frozen) {
            CgroupFiles.write(dir(path).resolve("cgroup.freeze"), frozen ? "1" : "0");
        }

        @Override
        public FreezeState state(CgroupPath path) {
            boolean asked = CgroupFiles.read(dir(path).resolve("cgroup.freeze")).equals("1");
            boolean frozen = CgroupFiles.readKeyed(dir(path).resolve("cgroup.events"), "frozen") == 1;
            if (frozen) return FreezeState.FROZEN;
            return asked ? FreezeState.FREEZING : FreezeState.THAWED;
        }
    }
}
