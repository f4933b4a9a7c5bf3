// A scripted DriverApi: a machine described as data, replayed call by call. Used by the tests
// of the probe and of check, and by nothing else.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "probe/driver_api.h"

namespace trtdoctor::probe {

struct FakeGpu {
    std::string name;
    std::string uuid;
    int cc_major = 0, cc_minor = 0;
    int sm_count = 0;
    std::uint64_t total_bytes = 0, free_bytes = 0;
    bool integrated = false;
    bool mig_enabled = false;
    int compute_mode = 0;
    std::uint64_t ecc_uncorrected = 0;
    std::vector<GpuProcess> processes;
};

struct FakeMachine {
    bool cuda_present = true;
    std::vector<std::string> cuda_missing_symbols;  ///< a broken libcuda: these are absent
    int cu_init_result = 0;
    int cuda_driver_version = 12040;
    bool nvml_present = true;
    int nvml_init_result = 0;
    std::string driver_version = "550.54.15";
    std::vector<FakeGpu> gpus;
    std::chrono::milliseconds cu_init_delay{0};  ///< a stuck driver
};

/// Ready-made machines for the scenarios the rules must handle.
namespace fake_machines {
FakeMachine no_driver();
FakeMachine old_driver();             ///< cuInit 35, NVML says 418.67
FakeMachine two_gpus_turing_ampere();  ///< CC 7.5 (T4) and 8.6 (A10)
FakeMachine nvml_missing();            ///< one 8.6 GPU, no libnvidia-ml
FakeMachine cu_init_fails(int code);   ///< 35, 100, 999, ...
FakeMachine mig_on();                  ///< an A100 in MIG mode
FakeMachine jetson_orin();             ///< integrated CC 8.7, no NVML
FakeMachine hopper();                  ///< one H100, CC 9.0
}  // namespace fake_machines

std::unique_ptr<DriverApi> make_fake_driver_api(FakeMachine machine);

}  // namespace trtdoctor::probe
