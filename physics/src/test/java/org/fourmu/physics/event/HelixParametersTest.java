package org.fourmu.physics.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.random.RandomStreams;
import org.junit.jupiter.api.Test;

class HelixParametersTest {

    private static HelixParameters withCovariance(double[][] m) {
        double[] packed = new double[HelixParameters.PACKED_SIZE];
        for (int i = 0; i < 5; i++) {
            for (int j = i; j < 5; j++) {
                packed[HelixParameters.packedIndex(i, j)] = m[i][j];
            }
        }
        return new HelixParameters(0, 0, 0.01, 0, 0.5, packed);
    }

    /** The second method: Commons Math's Cholesky decomposition (the validation's earlier implementation). */
    private static boolean commonsMathSaysPositiveDefinite(HelixParameters h) {
        try {
            new CholeskyDecomposition(new Array2DRowRealMatrix(h.covarianceMatrix(), false), 1e-9, 0);
            return true;
        } catch (MathIllegalArgumentException e) {
            return false;
        }
    }

    /** Q diag(eigenvalues) Q^T with Q a random orthogonal matrix (the Q of a random matrix's QR decomposition). */
    private static double[][] withEigenvalues(UniformRandomProvider rng, double... eigenvalues) {
        double[][] a = new double[5][5];
        for (double[] row : a) {
            for (int j = 0; j < 5; j++) {
                row[j] = rng.nextDouble() * 2 - 1;
            }
        }
        RealMatrix q = new QRDecomposition(new Array2DRowRealMatrix(a)).getQ();
        return q.multiply(MatrixUtils.createRealDiagonalMatrix(eigenvalues)).multiply(q.transpose()).getData();
    }

    @Test
    void shouldFindTheHilbertMatrixPositiveDefiniteButNotBelowItsSmallestEigenvalue() {
        // the 5x5 Hilbert matrix 1/(i+j+1) has smallest eigenvalue 3.288e-6 (condition number 4.8e5)
        double[][] h = new double[5][5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                h[i][j] = 1.0 / (i + j + 1);
            }
        }
        assertTrue(withCovariance(h).hasPositiveDefiniteCovariance());
        for (int i = 0; i < 5; i++) {
            h[i][i] -= 3.0e-6;
        }
        assertTrue(withCovariance(h).hasPositiveDefiniteCovariance(), "H - 3.0e-6 I keeps its smallest eigenvalue positive");
        for (int i = 0; i < 5; i++) {
            h[i][i] -= 0.6e-6;
        }
        assertFalse(withCovariance(h).hasPositiveDefiniteCovariance(), "H - 3.6e-6 I has a negative eigenvalue");
    }

    @Test
    void shouldRejectZeroAndNegativeVariancesAndSingularMatrices() {
        double[][] diag = new double[5][5];
        for (int i = 0; i < 5; i++) {
            diag[i][i] = 1e-8 * (i + 1);
        }
        assertTrue(withCovariance(diag).hasPositiveDefiniteCovariance());
        diag[3][3] = 0;
        assertFalse(withCovariance(diag).hasPositiveDefiniteCovariance());
        diag[3][3] = -1e-12;
        assertFalse(withCovariance(diag).hasPositiveDefiniteCovariance());
        // rank one: v v^T
        double[] v = {1, 2, 3, 4, 5};
        double[][] rankOne = new double[5][5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                rankOne[i][j] = v[i] * v[j];
            }
        }
        assertFalse(withCovariance(rankOne).hasPositiveDefiniteCovariance());
    }

    @Test
    void shouldDecideAsCommonsMathCholeskyOnRandomMatricesAtTheBoundary() {
        UniformRandomProvider rng = RandomStreams.forKeys(11, 5);
        int positive = 0;
        int total = 20_000;
        for (int n = 0; n < total; n++) {
            // a smallest eigenvalue from -1e-14 to 1e-14 of the largest: rounding decides, and must decide alike
            double smallest = (rng.nextDouble() * 2 - 1) * Math.pow(10, -8 - 8 * rng.nextDouble());
            double scale = Math.pow(10, -12 * rng.nextDouble());
            double[][] m = withEigenvalues(rng, scale, scale * rng.nextDouble(), scale * 1e-3, scale * 1e-6, scale * smallest);
            HelixParameters h = withCovariance(m);
            boolean expected = commonsMathSaysPositiveDefinite(h);
            assertEquals(expected, h.hasPositiveDefiniteCovariance(), "matrix " + n);
            positive += expected ? 1 : 0;
        }
        // both answers occur often: the comparison covers the boundary from both sides
        assertTrue(positive > total / 10 && positive < total * 9 / 10, positive + " positive definite of " + total);
    }
}
