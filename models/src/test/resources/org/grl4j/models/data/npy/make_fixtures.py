"""Writes the .npy test fixtures with NumPy itself, so the reader is checked against the reference
writer. Run from this directory: python3 make_fixtures.py (NumPy 2.x)."""
import numpy as np
from numpy.lib import format as npformat

base = np.array([[-1.5, 0.25], [2.0, -3.0], [1e-3, 4.5]])  # shape (3, 2)
ints = np.array([[1, -2], [3, -4], [5, -6]])


def save(name, array, version=None):
    with open(name, "wb") as f:
        if version is None:
            np.save(f, array)
        else:
            npformat.write_array(f, array, version=version)


save("f8_little.npy", base.astype("<f8"))
save("f8_big.npy", base.astype(">f8"))
save("f4_little.npy", base.astype("<f4"))
save("f4_big.npy", base.astype(">f4"))
save("f8_fortran.npy", np.asfortranarray(base))
save("f4_big_fortran.npy", np.asfortranarray(base.astype(">f4")))
save("i1.npy", ints.astype("i1"))
save("i2_big.npy", ints.astype(">i2"))
save("i4.npy", ints.astype("<i4"))
save("i8_big.npy", ints.astype(">i8"))
save("u1_1d.npy", np.array([0, 7, 255], dtype="u1"))
save("u2.npy", np.array([[0, 65535]], dtype="<u2"))
save("u4.npy", np.array([[4294967295, 1]], dtype="<u4"))
save("u8.npy", np.array([[18446744073709551615, 3]], dtype="<u8"))
save("f8_1d.npy", np.array([0.5, -0.5, 8.0]))
save("version2.npy", base, version=(2, 0))
save("version3.npy", base, version=(3, 0))
save("wide.npy", np.arange(24, dtype="<f8").reshape(2, 12))

save("three_d.npy", np.zeros((2, 2, 2)))
save("scalar.npy", np.float64(3.0))
save("empty.npy", np.zeros((0, 2)))
save("complex.npy", np.zeros((2, 2), dtype=np.complex128))
save("bool.npy", np.zeros((2, 2), dtype=bool))
save("half.npy", np.zeros((2, 2), dtype=np.float16))
save("strings.npy", np.array(["ab", "cd"]))
save("structured.npy", np.zeros(2, dtype=[("x", "<f8"), ("y", "<f8")]))
nan = base.copy()
nan[1, 0] = np.nan
save("nan.npy", nan)
save("inf_1d.npy", np.array([1.0, 2.0, -np.inf]))

with open("f8_little.npy", "rb") as f:
    whole = f.read()
with open("truncated.npy", "wb") as f:
    f.write(whole[:-5])
with open("header_cut.npy", "wb") as f:
    f.write(whole[:40])
with open("bad_magic.npy", "wb") as f:
    f.write(b"x,y\n1,2\n3,4\n")
with open("version9.npy", "wb") as f:
    f.write(b"\x93NUMPY\x09\x00" + whole[8:])
