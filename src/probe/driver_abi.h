// The few stable C entry points of the NVIDIA driver libraries that trtdoctor calls, declared
// here from the public documentation so that nothing at build time depends on CUDA or NVML.
// Both libraries are opened at run time with dlopen (libcuda.so.1, libnvidia-ml.so.1).
//
// Sources: CUDA Driver API reference (docs.nvidia.com/cuda/cuda-driver-api: cuInit,
// cuDriverGetVersion, cuDeviceGetCount, cuDeviceGet, cuDeviceGetName, cuDeviceGetAttribute,
// cuDeviceTotalMem_v2, cuGetErrorName, enum CUresult, enum CUdevice_attribute) and the NVML
// API reference (docs.nvidia.com/deploy/nvml-api: nvmlInit_v2, nvmlSystemGetDriverVersion,
// nvmlDeviceGetCount_v2, nvmlDeviceGetHandleByIndex_v2, nvmlDeviceGetName, nvmlDeviceGetUUID,
// nvmlDeviceGetMemoryInfo, nvmlDeviceGetCudaComputeCapability, nvmlDeviceGetMigMode,
// nvmlDeviceGetComputeMode, nvmlDeviceGetTotalEccErrors, nvmlDeviceGetComputeRunningProcesses).
// Every function uses the C calling convention and plain integer/pointer arguments; these
// signatures have been stable since CUDA 4 / NVML 5 (the _v2 suffixes are the current names).
#pragma once

#include <cstdint>

namespace trtdoctor::probe::abi {

// ---- CUDA driver API (libcuda.so.1) ----
using CUresult = int;
using CUdevice = int;

inline constexpr CUresult CUDA_SUCCESS = 0;
inline constexpr CUresult CUDA_ERROR_NOT_INITIALIZED = 3;
inline constexpr CUresult CUDA_ERROR_INSUFFICIENT_DRIVER = 35;   ///< driver older than libcuda's runtime needs
inline constexpr CUresult CUDA_ERROR_NO_DEVICE = 100;            ///< no CUDA-capable device visible
inline constexpr CUresult CUDA_ERROR_SYSTEM_DRIVER_MISMATCH = 803;  ///< libcuda and kernel module differ
inline constexpr CUresult CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE = 804;
inline constexpr CUresult CUDA_ERROR_UNKNOWN = 999;

// CUdevice_attribute values used here.
inline constexpr int CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
inline constexpr int CU_DEVICE_ATTRIBUTE_INTEGRATED = 18;
inline constexpr int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
inline constexpr int CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;

using cuInit_t = CUresult (*)(unsigned int flags);
using cuDriverGetVersion_t = CUresult (*)(int* version);  ///< 12040 = CUDA 12.4
using cuDeviceGetCount_t = CUresult (*)(int* count);
using cuDeviceGet_t = CUresult (*)(CUdevice* device, int ordinal);
using cuDeviceGetName_t = CUresult (*)(char* name, int len, CUdevice device);
using cuDeviceGetAttribute_t = CUresult (*)(int* value, int attribute, CUdevice device);
using cuDeviceTotalMem_v2_t = CUresult (*)(std::size_t* bytes, CUdevice device);
using cuGetErrorName_t = CUresult (*)(CUresult error, const char** name);

// ---- NVML (libnvidia-ml.so.1) ----
using nvmlReturn_t = int;
using nvmlDevice_t = struct nvmlDevice_st*;

inline constexpr nvmlReturn_t NVML_SUCCESS = 0;
inline constexpr nvmlReturn_t NVML_ERROR_NOT_SUPPORTED = 3;
inline constexpr nvmlReturn_t NVML_ERROR_NO_PERMISSION = 4;
inline constexpr nvmlReturn_t NVML_ERROR_INSUFFICIENT_SIZE = 7;
inline constexpr nvmlReturn_t NVML_ERROR_DRIVER_NOT_LOADED = 9;
inline constexpr nvmlReturn_t NVML_ERROR_LIB_RM_VERSION_MISMATCH = 18;
inline constexpr nvmlReturn_t NVML_ERROR_UNKNOWN = 999;

inline constexpr int NVML_MEMORY_ERROR_TYPE_UNCORRECTED = 1;  ///< nvmlMemoryErrorType_t
inline constexpr int NVML_VOLATILE_ECC = 0;                   ///< nvmlEccCounterType_t
inline constexpr int NVML_AGGREGATE_ECC = 1;

/// nvmlMemory_t (v1): total, free, used in bytes.
struct NvmlMemory {
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
};

/// nvmlProcessInfo_v1_t; newer drivers' _v2/_v3 structs append fields, so the v1 entry point
/// nvmlDeviceGetComputeRunningProcesses (unversioned) is used with this layout.
struct NvmlProcessInfoV1 {
    unsigned int pid;
    unsigned long long used_gpu_memory;  ///< bytes, or NVML_VALUE_NOT_AVAILABLE
};

using nvmlInit_v2_t = nvmlReturn_t (*)();
using nvmlShutdown_t = nvmlReturn_t (*)();
using nvmlSystemGetDriverVersion_t = nvmlReturn_t (*)(char* version, unsigned int length);
using nvmlDeviceGetCount_v2_t = nvmlReturn_t (*)(unsigned int* count);
using nvmlDeviceGetHandleByIndex_v2_t = nvmlReturn_t (*)(unsigned int index, nvmlDevice_t* device);
using nvmlDeviceGetName_t = nvmlReturn_t (*)(nvmlDevice_t device, char* name, unsigned int length);
using nvmlDeviceGetUUID_t = nvmlReturn_t (*)(nvmlDevice_t device, char* uuid, unsigned int length);
using nvmlDeviceGetMemoryInfo_t = nvmlReturn_t (*)(nvmlDevice_t device, NvmlMemory* memory);
using nvmlDeviceGetCudaComputeCapability_t = nvmlReturn_t (*)(nvmlDevice_t device, int* major,
                                                              int* minor);
using nvmlDeviceGetMigMode_t = nvmlReturn_t (*)(nvmlDevice_t device, unsigned int* current,
                                                unsigned int* pending);
using nvmlDeviceGetComputeMode_t = nvmlReturn_t (*)(nvmlDevice_t device, int* mode);
using nvmlDeviceGetTotalEccErrors_t = nvmlReturn_t (*)(nvmlDevice_t device, int error_type,
                                                       int counter_type,
                                                       unsigned long long* count);
using nvmlDeviceGetComputeRunningProcesses_t = nvmlReturn_t (*)(nvmlDevice_t device,
                                                                unsigned int* count,
                                                                NvmlProcessInfoV1* infos);

}  // namespace trtdoctor::probe::abi
