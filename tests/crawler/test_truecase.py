"""Headlines set in capitals are read in the casing the press writes its words in."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from crawler.cooperation import parse_article
from crawler.cooperation.normalize import normalize
from crawler.cooperation.truecase import in_capitals, truecase


@pytest.mark.parametrize(("title", "cased"), [
    ("LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC NINH LÀM VIỆC VỚI TỔNG LIÊN ĐOÀN LAO ĐỘNG HÀN QUỐC",
     "Liên đoàn Lao động tỉnh Bắc Ninh làm việc với Tổng Liên đoàn Lao động Hàn Quốc"),
    ("UBND TỈNH BÌNH PHƯỚC TIẾP ĐOÀN CÔNG TÁC TỈNH CHUNGCHEONGNAM",
     "UBND tỉnh Bình Phước tiếp đoàn công tác tỉnh Chungcheongnam"),
    ("SỞ NGOẠI VỤ TỈNH LONG AN TIẾP ĐOÀN TRƯỜNG ĐẠI HỌC YEUNGNAM",
     "Sở Ngoại vụ tỉnh Long An tiếp đoàn Trường Đại học Yeungnam"),
    ("MỞ RỘNG THỊ TRƯỜNG DỊCH VỤ CHO TẬP ĐOÀN HANWHA", "Mở rộng thị trường dịch vụ cho Tập đoàn Hanwha"),
])
def test_a_headline_in_capitals_takes_the_press_s_casing(title: str, cased: str) -> None:
    assert truecase(title, "") == cased


def test_the_article_s_own_casing_of_a_word_wins() -> None:
    text = "Tại buổi làm việc, đại diện Công ty Thép Pomina cho biết nhu cầu tăng."
    assert truecase("TỈNH BÌNH DƯƠNG LÀM VIỆC VỚI CÔNG TY THÉP POMINA", text).endswith("Công ty Thép Pomina")


def test_a_headline_not_in_capitals_is_left_as_it_is() -> None:
    assert not in_capitals("Đà Nẵng tiếp đoàn tỉnh Jeollanam")
    assert truecase("Đà Nẵng tiếp đoàn tỉnh Jeollanam", "") == "Đà Nẵng tiếp đoàn tỉnh Jeollanam"


def test_the_event_told_only_by_a_headline_in_capitals_is_found() -> None:
    text = "Hai bên đã trao đổi kinh nghiệm về bảo vệ quyền lợi người lao động trong các doanh nghiệp FDI."
    result = parse_article("LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC NINH LÀM VIỆC VỚI TỔNG LIÊN ĐOÀN LAO ĐỘNG HÀN QUỐC", "", text,
                           dt.date(2025, 6, 20))
    assert [(e.type.value, [p.name for p in e.vn_parties]) for e in result.events] == [
        ("meeting", ["Liên đoàn Lao động tỉnh Bắc Ninh"])]


def test_old_tone_placement_is_moved_only_at_a_word_s_end_in_capitals_too() -> None:
    assert normalize("TẬP ĐOÀN HOÀ BÌNH, hoà bình, THUỶ LỢI, LIÊN ĐOÀN") == "TẬP ĐOÀN HÒA BÌNH, hòa bình, THỦY LỢI, LIÊN ĐOÀN"


def test_a_place_spelt_several_ways_is_cased_the_same_whatever_the_hash_seed() -> None:
    """The reference spells Ho Chi Minh City 'TP.HCM' and 'Tp.HCM': which one a headline takes must not depend on
    the order of a set, or a reparse in another process would give the same event a new name (and a new id)."""
    script = ("from crawler.cooperation.truecase import truecase; "
              "print(truecase('TRƯỜNG CAO ĐẲNG QUỐC TẾ TP.HCM KÝ KẾT BIÊN BẢN GHI NHỚ HỢP TÁC', ''))")
    cased = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(8)}
    assert cased == {"Trường Cao đẳng Quốc tế TP.HCM ký kết biên bản ghi nhớ hợp tác\n"}
