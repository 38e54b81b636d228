/* A stand-in for Windows' bcryptprimitives.dll, for Wine releases that lack it
 * (Debian 12 has Wine 8.0). Rust's standard library takes its random numbers
 * (HashMap keys) from ProcessPrng in that DLL, which every supported Windows
 * (10 and later) has; this one answers from RtlGenRandom. Only the Wine test
 * prefix gets it (tests/windows/wine.sh); it is never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
    if (!SystemFunction036(data, chunk)) {
      return FALSE;
    }
    data += chunk;
    length -= chunk;
  }
  return TRUE;
}
