// The embedded reference dataset: every row of Data/Reference/exports.csv (a copy of the
// project's cited figures, see Data/Reference/README.md), compiled into the library so that
// no file is read at run time. A test checks this text equals the CSV file byte for byte;
// after editing the CSV, paste it here between the delimiters.
//
// The file is the project's shared reference file, whole: its JAMA fiscal-year rows (`FY2010`
// … `FY2019`, April–March) load as fiscal years and are compared only with fiscal years
// (docs/periods.md).

extension ReferenceData {
    /// The reference CSV text (header + one row per cited figure).
    static let csv: String = #"""
        exporter,period,segment,metric,value,source,scope,status,citation
        CHN,2023,conventional,units,3707000,CAAM,all_vehicles,cited,https://www.redplanx.com/html/news/1703247.html
        CHN,2021,nev,units,310000,CAAM,all_vehicles,cited,http://en.people.cn/n3/2022/0202/c90000-9952303.html
        CHN,2022,nev,units,679000,CAAM,all_vehicles,cited,http://en.people.cn/n3/2023/0113/c90000-10195766.html
        CHN,2023,nev,units,1203000,CAAM,all_vehicles,cited,https://www.redplanx.com/html/news/1703247.html
        CHN,2024,nev,units,1284000,CAAM,all_vehicles,cited,http://www.jqman.com/travelnews/112370.html
        CHN,2025,nev,units,2615000,CAAM,all_vehicles,cited,https://www.steelorbis.com/steel-news/latest-news/caam-new-energy-vehicle-sales-in-china-up-282-percent-in-2025-1429628.htm
        CHN,2020,total,units,995000,CAAM,all_vehicles,cited,http://en.people.cn/n3/2021/0113/c90000-9809078.html
        CHN,2021,total,units,2015000,CAAM,all_vehicles,cited,https://www.aetimes.com/2022/09/22/china-expected-to-overtake-germany-as-the-worlds-second-largest-auto-exporter/
        CHN,2022,total,units,3110000,CAAM,all_vehicles,cited,http://en.people.cn/n3/2023/0113/c90000-10195766.html
        CHN,2023,total,units,4910000,CAAM,all_vehicles,cited,https://www.shine.cn/biz/auto/2401111656/
        CHN,2024,total,units,5859000,CAAM,all_vehicles,cited,http://en.people.cn/n3/2025/0113/c90000-20265420.html
        CHN,2025,total,units,7098000,CAAM,all_vehicles,cited,https://www.steelorbis.com/steel-news/latest-news/caam-chinas-auto-vehicle-sales-up-94-percent-in-2025-1429709.htm
        CHN,2020,total,units,235000,CAAM,commercial_vehicles,cited,http://en.people.cn/n3/2021/0113/c90000-9809078.html
        CHN,2021,total,units,402000,CAAM,commercial_vehicles,cited,http://en.people.cn/n3/2022/0202/c90000-9952303.html
        CHN,2022,total,units,582000,CAAM,commercial_vehicles,cited,http://en.people.cn/n3/2023/0113/c90000-10195766.html
        CHN,2023,total,units,770000,CAAM,commercial_vehicles,cited,https://www.redplanx.com/html/news/1703247.html
        CHN,2020,total,units,760000,CAAM,passenger_vehicles,cited,http://en.people.cn/n3/2021/0113/c90000-9809078.html
        CHN,2021,total,units,1610000,CAAM,passenger_vehicles,cited,http://en.people.cn/n3/2022/0202/c90000-9952303.html
        CHN,2022,total,units,2530000,CAAM,passenger_vehicles,cited,http://en.people.cn/n3/2023/0113/c90000-10195766.html
        CHN,2023,total,units,4140000,CAAM,passenger_vehicles,cited,https://www.redplanx.com/html/news/1703247.html
        CHN,2022,total,units,3200000,GACC,all_vehicles,cited,https://interestingengineering.com/transportation/china-surpasses-japan-to-become-worlds-largest-car-exporter
        CHN,2023,total,units,5220000,GACC,all_vehicles,cited,https://mind.ua/en/news/amp/20268922-china-overtakes-japan-in-car-exports-for-the-first-time-in-many-years
        DEU,2024,total,units,3400000,Destatis,passenger_cars_trade,cited,https://ing.de/ueber-uns/presse/carsten-brzeskis-blog/chart-of-the-week-2025-03-28-autos-fuer-die-welt
        DEU,2015,total,units,4400000,VDA,passenger_cars,cited,https://www.automobil-produktion.de/news/deutsche-autoexporte-wieder-im-aufwind-779.html
        DEU,2016,total,units,4400000,VDA,passenger_cars,cited,https://www.automobil-produktion.de/news/deutsche-autoexporte-wieder-im-aufwind-779.html
        DEU,2017,total,units,4400000,VDA,passenger_cars,cited,https://www.automobil-produktion.de/news/deutsche-autoexporte-wieder-im-aufwind-779.html
        DEU,2018,total,units,3990000,VDA,passenger_cars,cited,https://www.automobil-produktion.de/news/deutsche-autoexporte-wieder-im-aufwind-779.html
        DEU,2019,total,units,3490000,VDA,passenger_cars,cited,https://www.automobil-produktion.de/news/deutsche-autoexporte-wieder-im-aufwind-779.html
        DEU,2020,total,units,2650000,VDA,passenger_cars,cited,https://www.automobil-produktion.de/news/deutsche-autoexporte-wieder-im-aufwind-779.html
        DEU,2021,total,units,2370000,VDA,passenger_cars,cited,https://www.automobil-produktion.de/news/deutsche-autoexporte-wieder-im-aufwind-779.html
        DEU,2022,total,units,2650000,VDA,passenger_cars,cited,https://www.automobil-produktion.de/news/deutsche-autoexporte-wieder-im-aufwind-779.html
        DEU,2023,total,units,3110000,VDA,passenger_cars,cited,https://www.automobil-produktion.de/news/deutsche-autoexporte-wieder-im-aufwind-779.html
        DEU,2025,total,units,3170000,VDA,passenger_cars,cited,https://www.auto-medienportal.net/artikel/detail/69151
        ESP,2023,total,units,2201802,ANFAC,all_vehicles,cited,https://www.investinspain.org/en/industries/automotive-mobility
        EU27,2024,total,units,4553344,ACEA,passenger_cars_extra_eu,cited,https://deutschalltags.de/2025/03/18/eu-automobilindustrie-erzielt-fast-155-milliarden-euro-durch-export
        JPN,2019,total,units,4810000,JAMA,all_vehicles,cited,https://www.netdenjd.com/articles/-/279943
        JPN,2020,total,units,3740832,JAMA,all_vehicles,cited,https://www.netdenjd.com/articles/-/244505
        JPN,2021,total,units,3820000,JAMA,all_vehicles,cited,https://carscoops.com/2023/01/china-surpasses-germany-to-become-second-largest-auto-exporter-on-earth
        JPN,2022,total,units,3813269,JAMA,all_vehicles,cited,https://www.netdenjd.com/articles/-/279943
        JPN,2023,total,units,4422682,JAMA,all_vehicles,cited,https://www.steelorbis.com/steel-news/latest-news/japanese-auto-output-up-148-percent-in-2023-1332181.htm
        JPN,2024,total,units,4210000,JAMA,all_vehicles,cited,https://www.redplanx.com/html/news/3057729.html
        JPN,2025,total,units,4172815,JAMA,all_vehicles,cited,https://tr.steelorbis.com/celik-haberleri/guncel-haberler/japonyanin-arac-uretimi-ve-satislari-2025te-yukseldi-1440095.htm
        KOR,2015,total,units,2970000,KAMA,all_vehicles,cited,https://www.almaghribtoday.net/en/84/s-koreas-auto-exports-shrink-118-in-2016-225544
        KOR,2016,total,units,2620000,KAMA,all_vehicles,cited,https://www.almaghribtoday.net/en/84/s-koreas-auto-exports-shrink-118-in-2016-225544
        KOR,2018,total,units,2449000,KAMA,all_vehicles,cited,http://kankokushimbun.com/topics/%E9%9F%93%E5%9B%BD%E8%87%AA%E5%8B%95%E8%BB%8A%E3%81%AE%E7%94%9F%E7%94%A3%E3%81%A8%E8%BC%B8%E5%87%BA%E3%81%9D%E3%82%8D%E3%81%A3%E3%81%A63%E5%B9%B4%E9%80%A3%E7%B6%9A%E3%81%A7%E3%83%9E%E3%82%A4%E3%83%8A/
        KOR,2019,total,units,2400000,KAMA,all_vehicles,cited,https://koreajoongangdaily.joins.com/news/2025-12-03/business/economy/Car-exports-set-to-fall-for-first-time-in-five-years-Sources/2468791
        KOR,2020,total,units,1880000,KAMA,all_vehicles,cited,https://koreajoongangdaily.joins.com/news/2025-12-03/business/economy/Car-exports-set-to-fall-for-first-time-in-five-years-Sources/2468791
        KOR,2021,total,units,2040000,KAMA,all_vehicles,cited,https://koreajoongangdaily.joins.com/news/2025-12-03/business/economy/Car-exports-set-to-fall-for-first-time-in-five-years-Sources/2468791
        KOR,2023,total,units,2760000,KAMA,all_vehicles,cited,https://www.koreanewsgazette.com/south-korean-carmakers-exports-reach-eight-year-high/
        KOR,2024,total,units,2782000,KAMA,all_vehicles,cited,https://indiathisweek.us/?p=94642
        KOR,2025,total,units,2736308,KAMA,all_vehicles,cited,https://menafn.com/1110601706/South-Koreas-Auto-Exports-Surge-to-Record-USD72B
        KOR,2023,total,units,2730000,KCS,passenger_cars,cited,https://www.arabnewsservice.com/s-koreas-exports-of-passenger-cars-hit-another-high-in-2023/
        MEX,2018,total,units,3451157,INEGI,light_vehicles,cited,https://americaeconomia.com/en/node/290097
        MEX,2019,total,units,3333586,INEGI,light_vehicles,cited,https://mexicobusiness.news/node/1849
        MEX,2020,total,units,2680000,INEGI,light_vehicles,cited,https://www.steelorbis.com/steel-news/latest-news/mexican-auto-production-increases-in-december-1180649.htm
        MEX,2021,total,units,2707000,INEGI,light_vehicles,cited,https://www.jornada.com.mx/2022/03/28/opinion/018o1eco?partner=rss
        MEX,2022,total,units,2860000,INEGI,light_vehicles,cited,https://www.steelorbis.com/steel-news/latest-news/vehicle-production-in-mexico-grows-44-percent-in-december-1274326.htm
        MEX,2023,total,units,3300876,INEGI,light_vehicles,cited,https://americaeconomia.com/en/node/290097
        MEX,2024,total,units,3479086,INEGI,light_vehicles,cited,https://americaeconomia.com/en/node/290097
        MEX,2025,total,units,3385785,INEGI,light_vehicles,cited,https://mexicobusiness.news/automotive/news/mexico-auto-output-dips-2025-exports-fall-tariff-risks-0?tag=automotive
        THA,2015,total,units,1200000,FTI,cbu_vehicles,cited,https://www.bangkokpost.com/business/motoring/2691253/car-exports-heat-up-as-local-sales-lag?view_comment=1
        THA,2022,total,units,1000256,FTI,cbu_vehicles,cited,https://www.nationthailand.com/thailand/economy/40024302
        THA,2023,total,units,1110000,FTI,cbu_vehicles,cited,https://www.pattayamail.com/thailandnews/thailands-car-production-set-for-growth-amid-challenges-451198
        BEL,2015,total,usd,27800000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/top-car-exports-country
        BEL,2017,total,usd,33100000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-0
        BEL,2018,total,usd,34200000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-1
        BEL,2019,total,usd,38600000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-2
        BEL,2024,total,usd,41500000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,https://www.worldstopexports.com/car-exports-country/
        CAN,2015,total,usd,44900000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/top-car-exports-country
        CAN,2017,total,usd,46400000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-0
        CAN,2018,total,usd,41000000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-1
        CAN,2019,total,usd,40700000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-2
        CAN,2024,total,usd,31800000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,https://www.worldstopexports.com/car-exports-country/
        CHN,2024,total,usd,90200000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,https://www.worldstopexports.com/car-exports-country/
        CZE,2015,total,usd,16900000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/top-car-exports-country
        CZE,2017,total,usd,21500000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-0
        CZE,2019,total,usd,22600000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-2
        CZE,2024,total,usd,34400000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,https://www.worldstopexports.com/car-exports-country/
        DEU,2015,total,usd,152700000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/top-car-exports-country
        DEU,2017,total,usd,157400000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-0
        DEU,2018,total,usd,154700000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-1
        DEU,2019,total,usd,142300000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-2
        DEU,2024,total,usd,174500000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,https://www.worldstopexports.com/car-exports-country/
        ESP,2015,total,usd,33100000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/top-car-exports-country
        ESP,2017,total,usd,35800000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-0
        ESP,2018,total,usd,35500000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-1
        ESP,2019,total,usd,35000000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-2
        ESP,2024,total,usd,38900000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,https://www.worldstopexports.com/car-exports-country/
        FRA,2015,total,usd,17800000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/top-car-exports-country
        FRA,2017,total,usd,22100000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-0
        FRA,2018,total,usd,25200000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-1
        FRA,2019,total,usd,23600000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-2
        GBR,2015,total,usd,38900000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/top-car-exports-country
        GBR,2017,total,usd,41900000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-0
        GBR,2018,total,usd,42000000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-1
        GBR,2019,total,usd,38600000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-2
        GBR,2024,total,usd,35900000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,https://www.worldstopexports.com/car-exports-country/
        JPN,2015,total,usd,86100000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/top-car-exports-country
        JPN,2017,total,usd,93400000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-0
        JPN,2018,total,usd,99100000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-1
        JPN,2019,total,usd,98000000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-2
        JPN,2024,total,usd,106800000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,https://www.worldstopexports.com/car-exports-country/
        KOR,2015,total,usd,41800000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/top-car-exports-country
        KOR,2017,total,usd,38800000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-0
        KOR,2018,total,usd,38200000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-1
        KOR,2019,total,usd,40500000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-2
        KOR,2024,total,usd,68300000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,https://www.worldstopexports.com/car-exports-country/
        MEX,2015,total,usd,32800000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/top-car-exports-country
        MEX,2017,total,usd,41700000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-0
        MEX,2018,total,usd,49400000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-1
        MEX,2019,total,usd,49700000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-2
        MEX,2024,total,usd,67700000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,https://www.worldstopexports.com/car-exports-country/
        SVK,2015,total,usd,14100000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/top-car-exports-country
        SVK,2017,total,usd,16400000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-0
        SVK,2018,total,usd,22000000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-1
        SVK,2019,total,usd,23900000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-2
        THA,2015,total,usd,9400000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/top-car-exports-country
        THA,2017,total,usd,10900000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-0
        THA,2018,total,usd,11100000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-1
        USA,2015,total,usd,55300000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/top-car-exports-country
        USA,2017,total,usd,53600000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-0
        USA,2018,total,usd,51400000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-1
        USA,2019,total,usd,56200000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-2
        USA,2024,total,usd,59200000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,https://www.worldstopexports.com/car-exports-country/
        WLD,2015,total,usd,672900000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/top-car-exports-country
        WLD,2017,total,usd,740100000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-0
        WLD,2018,total,usd,744700000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-1
        WLD,2019,total,usd,758400000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,http://industrialin.com/news/car-exports-country-2
        WLD,2020,total,usd,647300000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,https://www.worldstopexports.com/car-exports-country/
        WLD,2023,total,usd,976400000000,ITC/Comtrade (World's Top Exports),hs8703_passenger_cars,cited,https://www.worldstopexports.com/car-exports-country/
        CHN,2010,total,units,544900,CAAM,all_vehicles,cited,https://autonews.gasgoo.com/articles/news/chinese-cars-exports-among-the-lowest-in-the-world-1018467
        CHN,2010,total,units,282900,CAAM,passenger_vehicles,cited,https://autonews.gasgoo.com/articles/news/chinese-cars-exports-among-the-lowest-in-the-world-1018467
        CHN,2012,total,units,1056100,CAAM,all_vehicles,cited,https://global.chinadaily.com.cn/business/chinadata/2013-01/22/content_16242341.htm
        CHN,2012,total,units,395000,CAAM,commercial_vehicles,cited,https://www.just-auto.com/news/china-exports-top-1m-in-record-time/feed
        CHN,2012,total,units,661000,CAAM,passenger_vehicles,cited,https://www.just-auto.com/news/china-exports-top-1m-in-record-time/feed
        CHN,2013,total,units,977300,CAAM,all_vehicles,cited,http://chinaautoweb.com/2014/01/chinese-auto-exports-dropped-below-1-million-in-2013/
        CHN,2013,total,units,381000,CAAM,commercial_vehicles,cited,http://chinaautoweb.com/2014/01/chinese-auto-exports-dropped-below-1-million-in-2013/
        CHN,2013,total,units,596300,CAAM,passenger_vehicles,cited,http://chinaautoweb.com/2014/01/chinese-auto-exports-dropped-below-1-million-in-2013/
        CHN,2015,total,units,728200,CAAM,all_vehicles,cited,http://eworksglobal.com/View/Article/NewsDetail.aspx?id=11295
        CHN,2015,total,units,300500,CAAM,commercial_vehicles,cited,http://eworksglobal.com/View/Article/NewsDetail.aspx?id=11295
        CHN,2015,total,units,427700,CAAM,passenger_vehicles,cited,http://eworksglobal.com/View/Article/NewsDetail.aspx?id=11295
        CHN,2016,total,units,708000,CAAM,all_vehicles,cited,https://www.marklines.com/en/statistics/flash_sales/salesfig_china_2016
        CHN,2016,total,units,231000,CAAM,commercial_vehicles,cited,https://www.marklines.com/en/statistics/flash_sales/salesfig_china_2016
        CHN,2016,total,units,477000,CAAM,passenger_vehicles,cited,https://www.marklines.com/en/statistics/flash_sales/salesfig_china_2016
        CHN,2017,total,units,891000,CAAM,all_vehicles,cited,https://www.marklines.com/en/statistics/flash_sales/salesfig_china_2017
        CHN,2017,total,units,252000,CAAM,commercial_vehicles,cited,https://www.marklines.com/en/statistics/flash_sales/salesfig_china_2017
        CHN,2017,total,units,639000,CAAM,passenger_vehicles,cited,https://www.marklines.com/en/statistics/flash_sales/salesfig_china_2017
        CHN,2018,total,units,1041000,CAAM,all_vehicles,cited,https://www.marklines.com/en/statistics/flash_sales/salesfig_china_2018
        CHN,2018,total,units,283000,CAAM,commercial_vehicles,cited,https://www.marklines.com/en/statistics/flash_sales/salesfig_china_2018
        CHN,2018,total,units,758000,CAAM,passenger_vehicles,cited,https://www.marklines.com/en/statistics/flash_sales/salesfig_china_2018
        CHN,2019,total,units,1024000,CAAM,all_vehicles,cited,https://www.marklines.com/en/statistics/flash_sales/salesfig_china_2019
        CHN,2019,total,units,299000,CAAM,commercial_vehicles,cited,https://www.marklines.com/en/statistics/flash_sales/salesfig_china_2019
        CHN,2019,total,units,725000,CAAM,passenger_vehicles,cited,https://www.marklines.com/en/statistics/flash_sales/salesfig_china_2019
        CHN,2025,total,units,8320000,GACC,all_vehicles,cited,https://www.avtovzglyad.ru/avto/price/69493-2026-01-20-zagod-postavki-legkovyih-avto-izkitaya-vrossiyu-upali-na42/
        ESP,2015,total,units,2273732,ANFAC,all_vehicles,cited,https://www.sidasa.es/news/32-car-production-in-spain-grows-by-13-7-in-2015.html
        ESP,2016,total,units,2430000,ANFAC,all_vehicles,cited,https://www.farodevigo.es/economia/2017/07/18/alemania-principal-mercado-coches-fabricados-16254677.html
        ESP,2021,total,units,1820727,ANFAC,all_vehicles,cited,https://www.surinenglish.com/spain/production-spain-falls-20220224120744-nt.html
        ESP,2024,total,units,2123584,ANFAC,all_vehicles,cited,https://logisticaprofesional.com/texto-diario/mostrar/5147272/desciende-4-exportacion-vehiculos-cierre-2024
        GBR,2016,total,units,1354216,SMMT,passenger_cars,cited,http://www.finanznachrichten.de/nachrichten-2017-01/39759705-17-year-high-for-british-car-manufacturing-in-2016-as-chinese-demand-for-british-made-vehicles-continues-to-grow-008.htm
        GBR,2024,total,units,603565,SMMT,passenger_cars,cited,https://businessdailymedia.com/business-news/telecommunications/40692-smmt-vehicle-production-dips-amid-ev-transformation-and-intense-market-pressure
        JPN,2010,total,units,4838356,JAMA,all_vehicles,cited,http://e-nenpi.com/article/detail/151180
        JPN,FY2010,total,units,4803068,JAMA,all_vehicles,cited,https://response.jp/article/2011/04/28/155693.html
        JPN,2010,total,units,4272256,JAMA,passenger_cars,cited,http://e-nenpi.com/article/detail/151180
        JPN,2011,total,units,4464413,JAMA,all_vehicles,cited,http://e-nenpi.com/article/detail/169233
        JPN,2011,total,units,3929904,JAMA,passenger_cars,cited,http://e-nenpi.com/article/detail/169233
        JPN,FY2013,total,units,4632178,JAMA,all_vehicles,cited,https://s.response.jp/article/2014/04/30/222340.html?from=vsimg_text_back_1
        JPN,2014,total,units,4465635,JAMA,all_vehicles,cited,https://www.netdenjd.com/articles/-/135348
        JPN,2015,total,units,4578078,JAMA,all_vehicles,cited,https://response.jp/article/2016/01/29/268769.html?from=fullrl
        JPN,FY2015,total,units,4582525,JAMA,all_vehicles,cited,https://response.jp/article/2016/04/28/274430.html
        JPN,2015,total,units,3970003,JAMA,passenger_cars,cited,https://response.jp/article/2016/01/29/268769.html?from=fullrl
        JPN,2016,total,units,4634097,JAMA,all_vehicles,cited,http://response.jp/article/2017/01/31/289679.html
        JPN,2017,total,units,4705848,JAMA,all_vehicles,cited,https://response.jp/article/2018/02/01/305560.html
        JPN,FY2017,total,units,4786909,JAMA,all_vehicles,cited,https://www.netdenjd.com/articles/-/201273
        JPN,2017,total,units,4218429,JAMA,passenger_cars,cited,https://response.jp/article/2018/02/01/305560.html
        JPN,FY2018,total,units,4837553,JAMA,all_vehicles,cited,https://www.aba-j.or.jp/info/industry/8470/
        JPN,FY2019,total,units,4714027,JAMA,all_vehicles,cited,https://www.netdenjd.com/articles/-/231993
        KOR,2013,total,units,3086394,MOTIE,all_vehicles,cited,http://simtoskorea.blogspot.com/2014/02/kmts-korea-automobile-production.html
        KOR,2014,total,units,3061392,MOTIE,all_vehicles,cited,http://www.businesskorea.co.kr/news/articleView.html?idxno=8506
        KOR,2017,total,units,2520000,MOTIE,all_vehicles,cited,https://www.pakistanpoint.com/en/business/news/s-koreas-auto-exports-fall-35-pct-in-2017-244736.html
        KOR,2022,total,units,2310000,MOTIE,all_vehicles,cited,https://m-en.yna.co.kr/view/AEN20230130003000320
        MEX,2015,total,units,2758896,INEGI,light_vehicles,cited,http://www.reuters.com/article/mexico-autos-idUSL1N14T05520160111
        MEX,2016,total,units,2768268,INEGI,light_vehicles,cited,https://merca20.com/infografia-los-5-modelos-de-autos-que-mas-se-devaluan-en-mexico
        MEX,2017,total,units,3102604,INEGI,light_vehicles,cited,https://www.eleconomista.com.mx/empresas/Mexico-consigue-nuevo-record-automotor-20180108-0114.html
        THA,2019,total,units,1054103,FTI,cbu_vehicles,cited,https://english.nna.jp/articles/4557
        THA,2020,total,units,736000,FTI,cbu_vehicles,cited,https://aaa.fourin.com/reports/367a7cc0-b6d8-11eb-96e1-078758400dc4/thailand-automobile-exports-decreased-302-to-740000-units-in-2020
        THA,2021,total,units,959194,FTI,cbu_vehicles,cited,https://www.nationthailand.com/business/40011460
        ESP,2020,total,units,1951500,ANFAC,all_vehicles,derived,https://www.surinenglish.com/spain/production-spain-falls-20220224120744-nt.html
        ESP,2022,total,units,1933100,ANFAC,all_vehicles,derived,https://pledgetimes.com/vehicle-production-closes-2023-positively-but-below-2-5-million/
        GBR,2023,total,units,714300,SMMT,passenger_cars,derived,https://businessdailymedia.com/business-news/telecommunications/40692-smmt-vehicle-production-dips-amid-ev-transformation-and-intense-market-pressure
        JPN,2013,total,units,4676000,JAMA,all_vehicles,derived,https://www.netdenjd.com/articles/-/135348
        JPN,2018,total,units,4817650,JAMA,all_vehicles,derived,https://www.aba-j.or.jp/info/industry/12075
        KOR,2012,total,units,3172000,MOTIE,all_vehicles,derived,http://simtoskorea.blogspot.com/2014/02/kmts-korea-automobile-production.html
        THA,2018,total,units,1140800,FTI,cbu_vehicles,derived,https://english.nna.jp/articles/4557
        """#
}

extension ReferenceData {
    /// The destinations CSV text: every row of Data/Reference/destinations.csv (exports by
    /// destination market, a `partner` column after `exporter`; year-to-date spans and fiscal
    /// years load as such, docs/periods.md). A test checks it equals the file byte for byte.
    static let destinationsCSV: String = #"""
        exporter,partner,period,segment,metric,value,source,scope,status,citation
        CHN,RUS,2022,total,units,153200,GACC,passenger_cars,cited,https://eu.eot.su/2023/08/20/export-of-cars-from-china-to-russia-increases-more-than-fivefold/
        CHN,RUS,2023,total,units,909000,CAAM,all_vehicles,cited,https://automotivelogistics.media/trade-and-customs/chinese-vehicle-exports-above-13m-in-first-quarter-reports-ecg/45578.article
        CHN,RUS,2023-01/2023-10,total,units,730000,CAAM,all_vehicles,cited,https://www.rt.com/business/589867-china-top-car-exporter/
        CHN,RUS,2023-01/2023-11,total,units,841000,unspecified,vehicles_unspecified,cited,https://www.latribunadeautomocion.es/2024/01/china-produjo-una-cifra-record-de-3016-millones-de-vehiculos-el-ano-pasado/
        CHN,RUS,2023-01/2023-08,total,units,482000,GACC,passenger_cars,cited,https://nia-news.cn/en/more/651/
        CHN,RUS,2024,total,units,1090200,GACC,passenger_cars_incl_used,derived,https://www.vedomosti.ru/auto/news/2026/01/23/1171259-import-toyota
        CHN,RUS,2025,total,units,632341,GACC,passenger_cars_incl_used,cited,https://www.vedomosti.ru/auto/news/2026/01/23/1171259-import-toyota
        CHN,RUS,2025,total,units,582700,CPCA,vehicles_unspecified,cited,https://www.sinobtd.com/news/8989.html
        CHN,RUS,2024,total,usd,15200000000,GACC,value_unspecified,cited,https://www.vedomosti.ru/auto/news/2026/01/23/1171259-import-toyota
        CHN,RUS,2025,total,usd,8460000000,GACC,value_unspecified,cited,https://www.vedomosti.ru/auto/news/2026/01/23/1171259-import-toyota
        CHN,RUS,2014,total,units,62000,CAAM,vehicles_unspecified,cited,https://sovsport.ru/auto/news/783345-eksport-avtomobilej-iz-kitaja-v-rossiju-sokratilsja-na-3-procenta
        CHN,MEX,2023-01/2023-10,total,units,330000,CAAM,vehicles_unspecified,cited,https://newsrescue.com/china-to-become-worlds-largest-automobile-exporter-data/
        CHN,MEX,2024,total,units,444700,CPCA,vehicles_unspecified,derived,https://www.sinobtd.com/news/8989.html
        CHN,MEX,2025,total,units,625200,CPCA,vehicles_unspecified,cited,https://www.sinobtd.com/news/8989.html
        CHN,ARE,2024,total,units,330300,CPCA,vehicles_unspecified,derived,https://www.sinobtd.com/news/8989.html
        CHN,ARE,2025,total,units,572000,CPCA,vehicles_unspecified,cited,https://www.sinobtd.com/news/8989.html
        CHN,RUS,2023-01/2023-05,total,units,287000,CAAM,all_vehicles,cited,https://dzen.ru/a/ZTjCQA0-12D7UX92
        CHN,MEX,2023-01/2023-05,total,units,159000,CAAM,all_vehicles,cited,https://dzen.ru/a/ZTjCQA0-12D7UX92
        CHN,BEL,2023-01/2023-05,total,units,120000,CAAM,all_vehicles,cited,https://dzen.ru/a/ZTjCQA0-12D7UX92
        CHN,AUS,2023-01/2023-05,total,units,101000,CAAM,all_vehicles,cited,https://dzen.ru/a/ZTjCQA0-12D7UX92
        CHN,GBR,2023-01/2023-05,total,units,90000,CAAM,all_vehicles,cited,https://dzen.ru/a/ZTjCQA0-12D7UX92
        CHN,SAU,2023-01/2023-05,total,units,87000,CAAM,all_vehicles,cited,https://dzen.ru/a/ZTjCQA0-12D7UX92
        CHN,THA,2023-01/2023-05,total,units,69000,CAAM,all_vehicles,cited,https://dzen.ru/a/ZTjCQA0-12D7UX92
        CHN,ARE,2023-01/2023-05,total,units,60000,CAAM,all_vehicles,cited,https://dzen.ru/a/ZTjCQA0-12D7UX92
        CHN,ESP,2023-01/2023-05,total,units,58000,CAAM,all_vehicles,cited,https://dzen.ru/a/ZTjCQA0-12D7UX92
        CHN,PHL,2023-01/2023-05,total,units,58000,CAAM,all_vehicles,cited,https://dzen.ru/a/ZTjCQA0-12D7UX92
        CHN,RUS,2024-01/2024-02,total,units,112000,CAAM,vehicles_unspecified,cited,https://automotivelogistics.media/trade-and-customs/chinese-vehicle-exports-above-13m-in-first-quarter-reports-ecg/45578.article
        CHN,MEX,2024-01/2024-02,total,units,66000,CAAM,vehicles_unspecified,cited,https://automotivelogistics.media/trade-and-customs/chinese-vehicle-exports-above-13m-in-first-quarter-reports-ecg/45578.article
        CHN,BEL,2024-01/2024-02,total,units,42000,CAAM,vehicles_unspecified,cited,https://automotivelogistics.media/trade-and-customs/chinese-vehicle-exports-above-13m-in-first-quarter-reports-ecg/45578.article
        CHN,GBR,2024-01/2024-02,total,units,38000,CAAM,vehicles_unspecified,cited,https://automotivelogistics.media/trade-and-customs/chinese-vehicle-exports-above-13m-in-first-quarter-reports-ecg/45578.article
        CHN,RUS,2024-01/2024-05,total,units,372500,unspecified,vehicles_unspecified,cited,https://autopronews.ru/en/china-increased-car-exports-by-almost-a-third/
        CHN,MEX,2024-01/2024-05,total,units,190900,unspecified,vehicles_unspecified,cited,https://autopronews.ru/en/china-increased-car-exports-by-almost-a-third/
        CHN,BRA,2024-01/2024-05,total,units,159600,unspecified,vehicles_unspecified,cited,https://autopronews.ru/en/china-increased-car-exports-by-almost-a-third/
        CHN,BEL,2024-01/2024-05,total,units,124000,unspecified,vehicles_unspecified,cited,https://autopronews.ru/en/china-increased-car-exports-by-almost-a-third/
        CHN,ARE,2024-01/2024-05,total,units,114500,unspecified,vehicles_unspecified,cited,https://autopronews.ru/en/china-increased-car-exports-by-almost-a-third/
        CHN,RUS,2024-01/2024-08,total,units,705514,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,MEX,2024-01/2024-08,total,units,323540,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,ARE,2024-01/2024-08,total,units,203048,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,BRA,2024-01/2024-08,total,units,192254,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,BEL,2024-01/2024-08,total,units,182504,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,SAU,2024-01/2024-08,total,units,161261,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,GBR,2024-01/2024-08,total,units,137925,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,AUS,2024-01/2024-08,total,units,118888,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,PHL,2024-01/2024-08,total,units,104402,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,TUR,2024-01/2024-08,total,units,95650,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,BEL,2024-01/2024-08,nev,units,170876,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,BRA,2024-01/2024-08,nev,units,136112,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,GBR,2024-01/2024-08,nev,units,88933,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,THA,2024-01/2024-08,nev,units,81546,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,MEX,2024-01/2024-08,nev,units,61647,GACC,vehicles_unspecified,cited,https://newmobility.news/fr/2024/09/24/belgium-tops-chinas-nev-world-export-ranking-in-2024
        CHN,RUS,2024-01/2024-10,total,units,957000,CAAM,all_vehicles,cited,https://www.ecgassociation.eu/article/?id=5520ae6a-893f-484b-b8a7-617ae883056f
        CHN,MEX,2024-01/2024-10,total,units,386000,CAAM,all_vehicles,cited,https://www.ecgassociation.eu/article/?id=5520ae6a-893f-484b-b8a7-617ae883056f
        CHN,ARE,2024-01/2024-10,total,units,261000,CAAM,all_vehicles,cited,https://www.ecgassociation.eu/article/?id=5520ae6a-893f-484b-b8a7-617ae883056f
        CHN,BEL,2024-01/2024-10,total,units,247000,CAAM,all_vehicles,cited,https://www.ecgassociation.eu/article/?id=5520ae6a-893f-484b-b8a7-617ae883056f
        CHN,GBR,2024-01/2024-10,total,units,167000,CAAM,all_vehicles,cited,https://www.ecgassociation.eu/article/?id=5520ae6a-893f-484b-b8a7-617ae883056f
        CHN,DZA,2013-01/2013-11,total,units,112100,CAAM,vehicles_unspecified,cited,http://chinaautoweb.com/2014/01/chinese-auto-exports-dropped-below-1-million-in-2013/
        CHN,RUS,2013-01/2013-11,total,units,84100,CAAM,vehicles_unspecified,cited,http://chinaautoweb.com/2014/01/chinese-auto-exports-dropped-below-1-million-in-2013/
        CHN,CHL,2013-01/2013-11,total,units,71600,CAAM,vehicles_unspecified,cited,http://chinaautoweb.com/2014/01/chinese-auto-exports-dropped-below-1-million-in-2013/
        CHN,IRN,2013-01/2013-11,total,units,50200,CAAM,vehicles_unspecified,cited,http://chinaautoweb.com/2014/01/chinese-auto-exports-dropped-below-1-million-in-2013/
        CHN,RUS,2023,total,usd,11658000000,GACC,autos_customs_value,cited,https://opportimes.com/?p=113698
        CHN,BEL,2023,total,usd,5931000000,GACC,autos_customs_value,cited,https://opportimes.com/?p=113698
        CHN,GBR,2023,total,usd,5724000000,GACC,autos_customs_value,cited,https://opportimes.com/?p=113698
        CHN,MEX,2023,total,usd,3847000000,GACC,autos_customs_value,cited,https://opportimes.com/?p=113698
        CHN,AUS,2023,total,usd,3724000000,GACC,autos_customs_value,cited,https://opportimes.com/?p=113698
        CHN,ESP,2023,total,usd,3530000000,GACC,autos_customs_value,cited,https://opportimes.com/?p=113698
        CHN,THA,2023,total,usd,2622000000,GACC,autos_customs_value,cited,https://opportimes.com/?p=113698
        CHN,USA,2023,total,usd,2553000000,GACC,autos_customs_value,cited,https://opportimes.com/?p=113698
        CHN,SAU,2023,total,usd,2317000000,GACC,autos_customs_value,cited,https://opportimes.com/?p=113698
        CHN,ARE,2023,total,usd,2267000000,GACC,autos_customs_value,cited,https://opportimes.com/?p=113698
        JPN,USA,2023,total,units,1485641,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,AUS,2023,total,units,402111,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,CAN,2023,total,units,233620,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,CHN,2023,total,units,202993,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,GBR,2023,total,units,152960,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,DEU,2023,total,units,115038,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,ITA,2023,total,units,80038,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,FRA,2023,total,units,57080,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,ESP,2023,total,units,49773,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,TWN,2023,total,units,98199,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,IDN,2023,total,units,44205,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,PHL,2023,total,units,39398,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,VNM,2023,total,units,37248,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,THA,2023,total,units,20365,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,IND,2023,total,units,1230,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,SAU,2023,total,units,183849,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,ARE,2023,total,units,87912,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,KWT,2023,total,units,47451,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,ZAF,2023,total,units,41543,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,KEN,2023,total,units,5323,JAMA,all_vehicles,cited,https://www.caranddriver.co.jp/business_technology/73830/
        JPN,PAK,2023,total,units,31365,JAMA,all_vehicles,cited,https://www.netdenjd.com/articles/-/297113
        JPN,USA,2022,total,units,1284046,JAMA,all_vehicles,derived,https://www.netdenjd.com/articles/-/297113
        JPN,AUS,2022,total,units,350882,JAMA,all_vehicles,derived,https://www.netdenjd.com/articles/-/297113
        JPN,CAN,2022,total,units,145648,JAMA,all_vehicles,derived,https://www.netdenjd.com/articles/-/297113
        JPN,CHN,2022,total,units,217570,JAMA,all_vehicles,derived,https://www.netdenjd.com/articles/-/297113
        JPN,RUS,2022-01/2022-06,total,units,20430,JAMA,all_vehicles,cited,https://www.netdenjd.com/articles/-/271159
        JPN,USA,FY2022,total,units,1245459,JAMA,passenger_cars,cited,https://www.netdenjd.com/articles/-/284100
        JPN,CHN,FY2022,total,units,181451,JAMA,passenger_cars,cited,https://www.netdenjd.com/articles/-/284100
        JPN,SAU,FY2022,total,units,142568,JAMA,passenger_cars,cited,https://www.netdenjd.com/articles/-/284100
        JPN,DEU,FY2022,total,units,83353,JAMA,passenger_cars,cited,https://www.netdenjd.com/articles/-/284100
        JPN,SAU,FY2022,total,units,29262,JAMA,trucks,cited,https://www.netdenjd.com/articles/-/284100
        JPN,USA,FY2023,total,units,1500960,JAMA,all_vehicles,cited,http://www.netdenjd.com/articles/-/301172
        KOR,USA,2023,total,units,1300000,KAMA,vehicles_unspecified,cited,https://www.koreanewsgazette.com/south-korean-carmakers-exports-reach-eight-year-high/
        KOR,CAN,2023,total,units,218721,KAMA,vehicles_unspecified,cited,https://www.koreanewsgazette.com/south-korean-carmakers-exports-reach-eight-year-high/
        KOR,AUS,2023,total,units,169205,KAMA,vehicles_unspecified,cited,https://www.koreanewsgazette.com/south-korean-carmakers-exports-reach-eight-year-high/
        KOR,DEU,2023,total,units,92692,KAMA,vehicles_unspecified,cited,https://www.koreanewsgazette.com/south-korean-carmakers-exports-reach-eight-year-high/
        KOR,RUS,2023,total,units,808,KAMA,vehicles_unspecified,cited,https://www.koreanewsgazette.com/south-korean-carmakers-exports-reach-eight-year-high/
        MEX,USA,2017,total,units,2335245,AMIA,light_vehicles,cited,https://www.eleconomista.com.mx/empresas/Mexico-consigue-nuevo-record-automotor-20180108-0114.html
        MEX,CAN,2017,total,units,267219,AMIA,light_vehicles,cited,https://www.eleconomista.com.mx/empresas/Mexico-consigue-nuevo-record-automotor-20180108-0114.html
        GBR,EU27,2023,total,units,430411,SMMT,passenger_cars,cited,https://www.finanzen.at/nachrichten/zinsen/uk-car-production-logs-biggest-growth-in-13-years-smmt-1032996563
        GBR,USA,2023,total,units,73571,SMMT,passenger_cars,cited,https://www.finanzen.at/nachrichten/zinsen/uk-car-production-logs-biggest-growth-in-13-years-smmt-1032996563
        ESP,DEU,2016,total,units,425718,ANFAC,vehicles_unspecified,cited,https://www.farodevigo.es/economia/2017/07/18/alemania-principal-mercado-coches-fabricados-16254677.html
        """#
}
