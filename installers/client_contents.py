"""What the one-file client leaves out (installers/tandem-client.spec), in a module of its own so
that tests/installers/test_client_contents.py can check it against what the client imports."""

# Imported by nothing the client runs (checked against sys.modules of a client that loaded every
# feature's engine and customer view: tests/installers/test_client_contents.py), yet reachable
# through the static import graph.
EXCLUDES = [
    "support_center",
    "csr_console",
    "tkinter",
    "unittest",
    "pydoc",
    "doctest",
    "pytest",
    "_pytest",
    "hypothesis",
    "setuptools",
    "pkg_resources",
    "_distutils_hack",
    "distutils",
    "lib2to3",
    "PyInstaller",
    "IPython",
    "matplotlib",
    # OpenCV (opencv-python-headless): 61 MB of the client (147 MB with it, 86 without). Its camera
    # is PyAV's (shared/features/video/camera.py, default_cameras); the console's is OpenCV's.
    "cv2",
    "argon2",  # the center's password hashes
    "mypy",  # pydantic's mypy plugin, collected with pydantic
    "pydantic.mypy",
    "pydantic.v1",
    "rich",  # pydantic's pretty-printing of its schemas, for debugging
    "pygments",
    "markdown_it",
    "pdb",
    "numpy.f2py",
    "numpy.testing",
    "numpy.distutils",
    "numpy.typing",
    "numpy.random",  # numpy loads these on first use; the client uses none of them
    "numpy.fft",
    "numpy.polynomial",
    "numpy.ma",
    # East Asian legacy encodings (CPython's CJK codecs, 0.5 MB): the client speaks UTF-8.
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    "_multibytecodec",
    "PySide6.QtNetwork",
    "PySide6.QtPrintSupport",  # the console's system information prints, not the client
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSvg",
    "PySide6.QtSvgWidgets",
    "PySide6.QtDBus",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtTest",
    "PySide6.QtUiTools",
    "PySide6.QtDesigner",
]
