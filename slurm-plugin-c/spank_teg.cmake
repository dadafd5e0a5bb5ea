# spank_teg.so: the sbatch/srun/salloc options --teg-bid, --teg-sla and --teg-class (docs/admin.md).
# Needs only the public <slurm/spank.h> of libslurm-dev; symbols resolve from the program that loads it.
find_path(TEG_SPANK_INCLUDE slurm/spank.h)
if(NOT TEG_SPANK_INCLUDE)
  message(FATAL_ERROR "slurm/spank.h not found: install libslurm-dev")
endif()
add_library(spank_teg MODULE spank_teg.c)
set_target_properties(spank_teg PROPERTIES PREFIX "" OUTPUT_NAME "spank_teg"
  LIBRARY_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/slurm-plugin-c")
target_include_directories(spank_teg PRIVATE "${TEG_SPANK_INCLUDE}")
target_compile_options(spank_teg PRIVATE -Wall -Wextra -Wno-unused-parameter -Werror=implicit-function-declaration)
