package dev.arbiter.recording;

import dev.arbiter.decision.AlternativeData;
import dev.arbiter.decision.Applicant;
import dev.arbiter.decision.Application;
import dev.arbiter.decision.Attributes;
import dev.arbiter.decision.CreditFile;
import dev.arbiter.decision.Device;
import dev.arbiter.decision.Housing;
import dev.arbiter.decision.PersonalData;
import dev.arbiter.decision.Product;
import dev.arbiter.web.FlatMap;
import dev.arbiter.web.IsoCurrency;
import dev.arbiter.web.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.Map;

/** The body of {@code POST /v1/decisions}; README documents every field. */
public record DecisionRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]*")
        String applicationId,

        @NotNull @OneOf(Product.class) String product,

        @NotNull @DecimalMin(value = "0.01") @DecimalMax("100000000") @Digits(integer = 9, fraction = 2)
        BigDecimal requestedAmount,

        @NotNull @IsoCurrency String currency,
        @NotNull @Min(1) @Max(480) Integer termMonths,
        @Size(max = 64) @Pattern(regexp = "[A-Z][A-Z0-9_]*") String purpose,
        @NotNull @Pattern(regexp = "[A-Z]{2}") String dataRegion,
        @NotNull @Valid ApplicantPart applicant,
        @Valid CreditFilePart creditFile,
        @Valid AlternativeDataPart alternativeData,
        @Valid DevicePart device,
        @Size(max = 100) @FlatMap Map<String, Object> attributes,
        @Size(max = 50) @FlatMap Map<String, Object> monitoring,
        @Valid PiiPart pii) {

    /** Personal data: stored encrypted beside the application, never seen by rules or models. */
    record PiiPart(
            @Size(max = 200) String name,

            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 .-]*")
            String nationalId,

            @Size(max = 254) @Pattern(regexp = "[^@\\s]+@[^@\\s]+")
            String email,

            @Size(max = 32) @Pattern(regexp = "\\+?[0-9][0-9 ()-]*")
            String phone) {

        @Override
        public String toString() {
            return personalData().toString();
        }

        public PersonalData personalData() {
            return new PersonalData(name, nationalId, email, phone);
        }
    }

    public PersonalData personalData() {
        return pii == null ? null : pii.personalData();
    }

    record ApplicantPart(
            @NotNull @Min(0) @Max(130) Integer age,

            @NotNull @DecimalMin("0") @DecimalMax("100000000") @Digits(integer = 9, fraction = 2)
            BigDecimal monthlyIncome,

            @NotNull @Min(0) @Max(1200) Integer employmentMonths,
            @OneOf(Housing.class) String housing,
            @NotNull @Min(0) @Max(30) Integer dependents) {}

    record CreditFilePart(
            @NotNull @Min(0) @Max(1200) Integer historyMonths,
            @NotNull @Min(0) @Max(500) Integer openTradelines,
            @NotNull @Min(0) @Max(500) Integer delinquencies,
            @NotNull @Min(0) @Max(500) Integer derogatoryMarks,
            @NotNull @Min(0) @Max(500) Integer inquiriesLast6Months,

            @NotNull @DecimalMin("0") @DecimalMax("100000000") @Digits(integer = 9, fraction = 2)
            BigDecimal monthlyDebtPayments,

            @Min(300) @Max(900) Integer bureauScore) {}

    record AlternativeDataPart(
            @DecimalMin("0") @Digits(integer = 9, fraction = 2)
            BigDecimal monthlyInflow,

            @DecimalMin("0") @Digits(integer = 9, fraction = 2)
            BigDecimal monthlyOutflow,

            @Min(0) @Max(1200) Integer accountAgeMonths,
            @Min(0) @Max(365) Integer overdraftsLast12Months,
            @DecimalMin("0") @DecimalMax("1") Double onTimeRentRatio,
            @DecimalMin("0") @DecimalMax("1") Double onTimeUtilityRatio) {}

    record DevicePart(
            @Pattern(regexp = "[A-Z]{2}") String ipCountry,
            @Min(0) @Max(36500) Integer deviceAgeDays,
            @Min(0) @Max(36500) Integer emailAgeDays) {}

    public Application toApplication() {
        ApplicantPart a = applicant;
        return new Application(
                applicationId,
                Product.valueOf(product),
                requestedAmount,
                currency,
                termMonths,
                purpose,
                dataRegion,
                new Applicant(
                        a.age(),
                        a.monthlyIncome(),
                        a.employmentMonths(),
                        a.housing() == null ? null : Housing.valueOf(a.housing()),
                        a.dependents()),
                creditFile == null
                        ? null
                        : new CreditFile(
                                creditFile.historyMonths(),
                                creditFile.openTradelines(),
                                creditFile.delinquencies(),
                                creditFile.derogatoryMarks(),
                                creditFile.inquiriesLast6Months(),
                                creditFile.monthlyDebtPayments(),
                                creditFile.bureauScore()),
                alternativeData == null
                        ? null
                        : new AlternativeData(
                                alternativeData.monthlyInflow(),
                                alternativeData.monthlyOutflow(),
                                alternativeData.accountAgeMonths(),
                                alternativeData.overdraftsLast12Months(),
                                alternativeData.onTimeRentRatio(),
                                alternativeData.onTimeUtilityRatio()),
                device == null ? null : new Device(device.ipCountry(), device.deviceAgeDays(), device.emailAgeDays()),
                new Attributes(attributes));
    }
}
