#include "probe/fake_driver_api.h"

#include <algorithm>
#include <thread>

#include "probe/driver_abi.h"

namespace trtdoctor::probe {
namespace {

constexpr std::uint64_t GiB = 1ull << 30;

class FakeDriverApi final : public DriverApi {
public:
    explicit FakeDriverApi(FakeMachine m) : m_m(std::move(m)) {}

    LibraryLoad cuda_library() override {
        LibraryLoad l;
        l.found = m_m.cuda_present;
        if (l.found) {
            l.path = "/usr/lib/x86_64-linux-gnu/libcuda.so.1";
            l.missing_symbols = m_m.cuda_missing_symbols;
        } else {
            l.error = "libcuda.so.1: cannot open shared object file: No such file or directory";
        }
        return l;
    }
    bool missing(const char* symbol) const {
        return std::find(m_m.cuda_missing_symbols.begin(), m_m.cuda_missing_symbols.end(),
                         symbol) != m_m.cuda_missing_symbols.end();
    }
    int cu_init() override {
        if (missing("cuInit")) return -1;
        if (m_m.cu_init_delay.count() > 0) std::this_thread::sleep_for(m_m.cu_init_delay);
        m_initialised = m_m.cu_init_result == 0;
        return m_m.cu_init_result;
    }
    std::string cu_error_name(int code) override {
        switch (code) {
            case 0: return "CUDA_SUCCESS";
            case 35: return "CUDA_ERROR_INSUFFICIENT_DRIVER";
            case 100: return "CUDA_ERROR_NO_DEVICE";
            case 999: return "CUDA_ERROR_UNKNOWN";
            default: return {};
        }
    }
    int cu_driver_version(int* v) override {
        if (missing("cuDriverGetVersion")) return -1;
        *v = m_m.cuda_driver_version;
        return 0;
    }
    int cu_device_count(int* n) override {
        if (!m_initialised) return abi::CUDA_ERROR_NOT_INITIALIZED;
        *n = static_cast<int>(m_m.gpus.size());
        return 0;
    }
    int cu_device_attribute(int i, int attribute, int* value) override {
        const FakeGpu* g = gpu(i);
        if (g == nullptr) return 101;  // CUDA_ERROR_INVALID_DEVICE
        switch (attribute) {
            case abi::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR: *value = g->cc_major; return 0;
            case abi::CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR: *value = g->cc_minor; return 0;
            case abi::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT: *value = g->sm_count; return 0;
            case abi::CU_DEVICE_ATTRIBUTE_INTEGRATED: *value = g->integrated ? 1 : 0; return 0;
            default: return 1;
        }
    }
    int cu_device_name(int i, std::string* name) override {
        const FakeGpu* g = gpu(i);
        if (g == nullptr) return 101;
        *name = g->name;
        return 0;
    }
    int cu_device_total_mem(int i, std::uint64_t* bytes) override {
        const FakeGpu* g = gpu(i);
        if (g == nullptr) return 101;
        *bytes = g->total_bytes;
        return 0;
    }

    LibraryLoad nvml_library() override {
        LibraryLoad l;
        l.found = m_m.nvml_present;
        if (l.found) l.path = "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1";
        else l.error = "libnvidia-ml.so.1: cannot open shared object file: No such file or directory";
        return l;
    }
    int nvml_init() override { return m_m.nvml_init_result; }
    int nvml_driver_version(std::string* v) override {
        *v = m_m.driver_version;
        return 0;
    }
    int nvml_device_count(unsigned* n) override {
        *n = static_cast<unsigned>(m_m.gpus.size());
        return 0;
    }
    int nvml_device(unsigned i, NvmlDevice* out) override {
        if (i >= m_m.gpus.size()) return 2;  // NVML_ERROR_INVALID_ARGUMENT
        const FakeGpu& g = m_m.gpus[i];
        out->name = g.name;
        out->uuid = g.uuid;
        out->cc_major = g.cc_major;
        out->cc_minor = g.cc_minor;
        out->total_bytes = g.total_bytes;
        out->free_bytes = g.free_bytes;
        out->mig_enabled = g.mig_enabled;
        out->compute_mode = g.compute_mode;
        out->ecc_uncorrected = g.ecc_uncorrected;
        out->processes = g.processes;
        return 0;
    }

private:
    const FakeGpu* gpu(int i) const {
        if (!m_initialised || i < 0 || static_cast<std::size_t>(i) >= m_m.gpus.size()) return nullptr;
        return &m_m.gpus[static_cast<std::size_t>(i)];
    }
    FakeMachine m_m;
    bool m_initialised = false;
};

FakeGpu gpu(std::string name, int major, int minor, int sms, std::uint64_t total_gib,
            std::uint64_t free_gib, std::string uuid) {
    FakeGpu g;
    g.name = std::move(name);
    g.cc_major = major;
    g.cc_minor = minor;
    g.sm_count = sms;
    g.total_bytes = total_gib * GiB;
    g.free_bytes = free_gib * GiB;
    g.uuid = std::move(uuid);
    return g;
}

}  // namespace

namespace fake_machines {

FakeMachine no_driver() {
    FakeMachine m;
    m.cuda_present = false;
    m.nvml_present = false;
    return m;
}

FakeMachine old_driver() {
    FakeMachine m;
    m.cu_init_result = abi::CUDA_ERROR_INSUFFICIENT_DRIVER;
    m.cuda_driver_version = 10010;
    m.driver_version = "418.67";
    m.gpus.push_back(gpu("Tesla T4", 7, 5, 40, 15, 14, "GPU-00000000-0000-0000-0000-000000000001"));
    return m;
}

FakeMachine two_gpus_turing_ampere() {
    FakeMachine m;
    m.gpus.push_back(gpu("Tesla T4", 7, 5, 40, 15, 14, "GPU-00000000-0000-0000-0000-000000000001"));
    m.gpus.push_back(gpu("NVIDIA A10", 8, 6, 72, 22, 21, "GPU-00000000-0000-0000-0000-000000000002"));
    return m;
}

FakeMachine nvml_missing() {
    FakeMachine m;
    m.nvml_present = false;
    m.gpus.push_back(gpu("NVIDIA GeForce RTX 3060", 8, 6, 28, 12, 11, ""));
    return m;
}

FakeMachine cu_init_fails(int code) {
    FakeMachine m;
    m.cu_init_result = code;
    return m;
}

FakeMachine mig_on() {
    FakeMachine m;
    auto g = gpu("NVIDIA A100-SXM4-40GB", 8, 0, 108, 40, 39, "GPU-00000000-0000-0000-0000-0000000000a1");
    g.mig_enabled = true;
    m.gpus.push_back(g);
    return m;
}

FakeMachine jetson_orin() {
    FakeMachine m;
    m.nvml_present = false;
    m.cuda_driver_version = 12020;
    auto g = gpu("Orin", 8, 7, 8, 7, 5, "");
    g.integrated = true;
    m.gpus.push_back(g);
    return m;
}

FakeMachine hopper() {
    FakeMachine m;
    m.gpus.push_back(gpu("NVIDIA H100 80GB HBM3", 9, 0, 132, 80, 79, "GPU-00000000-0000-0000-0000-0000000000h1"));
    return m;
}

}  // namespace fake_machines

std::unique_ptr<DriverApi> make_fake_driver_api(FakeMachine machine) {
    return std::make_unique<FakeDriverApi>(std::move(machine));
}

}  // namespace trtdoctor::probe
