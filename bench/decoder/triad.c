/* A STREAM-like triad, a[i] = b[i] + s*c[i], on THREADS threads over arrays far larger than the
 * caches: the memory bandwidth bench/decoder/run states decoding's bound against. Bytes counted
 * as STREAM counts them (two arrays read, one written; write-allocate traffic not counted).
 * Prints the best and the median of the repetitions in GB/s.
 * Build: gcc -O3 -march=native -fopenmp triad.c -o triad; run: OMP_NUM_THREADS=2 ./triad */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define N (40L * 1000 * 1000)   /* 320 MB per array */
#define REPEATS 15

static int compare(const void *x, const void *y) {
    double a = *(const double *) x, b = *(const double *) y;
    return (a > b) - (a < b);
}

int main(void) {
    double *a = malloc(N * sizeof(double)), *b = malloc(N * sizeof(double)), *c = malloc(N * sizeof(double));
    double rates[REPEATS];
    #pragma omp parallel for
    for (long i = 0; i < N; i++) { a[i] = 0; b[i] = 1; c[i] = 2; }
    for (int r = 0; r < REPEATS; r++) {
        double begin = omp_get_wtime();
        #pragma omp parallel for
        for (long i = 0; i < N; i++) a[i] = b[i] + 3.0 * c[i];
        rates[r] = 3.0 * N * sizeof(double) / (omp_get_wtime() - begin) / 1e9;
    }
    qsort(rates, REPEATS, sizeof(double), compare);
    printf("triad threads %d best_gb_s %.2f median_gb_s %.2f check %.1f\n", omp_get_max_threads(), rates[REPEATS - 1],
           rates[REPEATS / 2], a[N / 2]);
    return 0;
}
