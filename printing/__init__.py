"""Domain data -> PDF bytes. Pure functions; never imports Qt or storage (DESIGN.md sections 4 and 5).

    labels.render_labels(labels, layout="100x150", *, dpi=203, start_position=1, language="en") -> bytes
    labels.render_label_files(...same..., per_file=1000) -> Iterator[bytes]   # long runs, whole sheets
    letters.render_letter_labels(letters, layout="a4-21", *, dpi=203, start_position=1, language="en")
    cartons.render_carton_labels(cartons, layout="a4-8", *, dpi=203, start_position=1, language="en")
    slips.render_slips(slips, *, language="en") -> bytes
    commands.render_command_sheet(language="en", *, dpi=300) -> bytes
    manifest.render_manifest(data, language="en", *, dpi=300) -> bytes
    manifest.manifest_hash(codes) -> str; manifest.manifest_qr_payload(data) -> str;
    manifest.parse_qr_payload(text) -> ManifestSeal

Inputs are the frozen dataclasses of `printing.documents`; layouts are the keys of `layout.LAYOUTS`
("100x150", "4x6", "a6", "a4-8", "a4-21"). The same input always gives the same bytes. Every function
raises ValueError for input it cannot print (a wrong code or kind of code, a bad start position, nothing
to print). Import the functions from their modules: importing this package loads nothing else.
"""
